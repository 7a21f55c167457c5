package org.minidb.storage;

import java.nio.file.Path;

/**
 * How to open storage.
 *
 * @param dataDirectory the data directory; created and bootstrapped when it holds no catalog yet
 * @param sharedBuffersBytes size of the buffer pool (shared_buffers), a multiple of 8 KiB
 * @param sharedMemoryFile if not null, the shared region is mapped from this file (e.g. under /dev/shm)
 *     instead of being allocated in-process
 * @param fsync whether to fsync files (false only for tests)
 */
public record StorageConfig(Path dataDirectory, long sharedBuffersBytes, Path sharedMemoryFile, boolean fsync) {}
