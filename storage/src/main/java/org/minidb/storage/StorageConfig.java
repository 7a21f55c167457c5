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
 * @param checkpointTimeoutMillis checkpoint_timeout: the background checkpointer starts a checkpoint at least
 *     this often while there is WAL activity; 0 or less: no background checkpointer
 * @param maxWalSizeBytes max_wal_size: the background checkpointer starts a checkpoint early when the WAL since
 *     the last redo point grows towards this size
 * @param autovacuum when the autovacuum worker visits tables
 */
public record StorageConfig(Path dataDirectory, long sharedBuffersBytes, Path sharedMemoryFile, boolean fsync,
    long checkpointTimeoutMillis, long maxWalSizeBytes, AutovacuumSettings autovacuum) {
  public static final long DEFAULT_CHECKPOINT_TIMEOUT_MILLIS = 5 * 60_000L;
  public static final long DEFAULT_MAX_WAL_SIZE_BYTES = 1L << 30;

  /**
   * With PostgreSQL's defaults for the checkpointer (checkpoint_timeout = 5min, max_wal_size = 1GB) and without
   * autovacuum (storage tests decide when to vacuum).
   */
  public StorageConfig(Path dataDirectory, long sharedBuffersBytes, Path sharedMemoryFile, boolean fsync) {
    this(dataDirectory, sharedBuffersBytes, sharedMemoryFile, fsync, DEFAULT_CHECKPOINT_TIMEOUT_MILLIS,
        DEFAULT_MAX_WAL_SIZE_BYTES, AutovacuumSettings.OFF);
  }

  /** With the given checkpointer settings and without autovacuum (storage tests decide when to vacuum). */
  public StorageConfig(Path dataDirectory, long sharedBuffersBytes, Path sharedMemoryFile, boolean fsync,
      long checkpointTimeoutMillis, long maxWalSizeBytes) {
    this(dataDirectory, sharedBuffersBytes, sharedMemoryFile, fsync, checkpointTimeoutMillis, maxWalSizeBytes,
        AutovacuumSettings.OFF);
  }
}
