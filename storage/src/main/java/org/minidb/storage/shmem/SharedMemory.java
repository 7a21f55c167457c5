package org.minidb.storage.shmem;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The one shared region (PostgreSQL's main shared memory segment). Either allocated in-process or mapped
 * from a file (e.g. under {@code /dev/shm}) so that other processes can map the same bytes. Components carve
 * their parts out of it with {@link #reserve} in a fixed order, so every process that computes the same
 * layout from the same configuration finds each part at the same offset: nothing in the region needs a Java
 * object to be interpreted.
 *
 * <p>The region starts with a small header: a magic number and the total size, checked when attaching.
 */
public final class SharedMemory implements AutoCloseable {
  private static final long MAGIC = 0x4d696e6944425348L; // "MiniDBSH"
  private static final long HEADER = 64;

  private final Arena arena;
  private final MemorySegment region;
  private final Path file;
  private long next = HEADER;

  private SharedMemory(Arena arena, MemorySegment region, Path file) {
    this.arena = arena;
    this.region = region;
    this.file = file;
  }

  /** Total size needed for parts of the given sizes, each aligned as {@link #reserve} aligns it. */
  public static long sizeFor(long... partSizes) {
    long total = HEADER;
    for (long s : partSizes) total = align(total, 4096) + s;
    return align(total, 4096);
  }

  /** Creates a region in this process and initializes its header (contents are zero). */
  public static SharedMemory allocate(long size) {
    Arena arena = Arena.ofShared();
    MemorySegment seg = arena.allocate(size, 4096);
    SharedMemory shm = new SharedMemory(arena, seg, null);
    shm.initHeader(size);
    return shm;
  }

  /**
   * Creates (or re-creates) the region mapped from {@code file}: the file is sized and zeroed, so that stale
   * contents of an earlier server never leak in. Another process later attaches with {@link #attach}.
   */
  public static SharedMemory createMapped(Path file, long size) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      Arena arena = Arena.ofShared();
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
      SharedMemory shm = new SharedMemory(arena, seg, file);
      shm.initHeader(size);
      return shm;
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not map shared memory file \"" + file + "\": " + e.getMessage(), e);
    }
  }

  /** Maps an existing region created by another process (process mode). */
  public static SharedMemory attach(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      Arena arena = Arena.ofShared();
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena);
      if (seg.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0) != MAGIC
          || seg.get(java.lang.foreign.ValueLayout.JAVA_LONG, 8) != seg.byteSize()) {
        arena.close();
        throw DbException.of(SqlState.INTERNAL_ERROR, "shared memory file \"" + file + "\" is not a MiniDB region");
      }
      return new SharedMemory(arena, seg, file);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not map shared memory file \"" + file + "\": " + e.getMessage(), e);
    }
  }

  private void initHeader(long size) {
    region.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, MAGIC);
    region.set(java.lang.foreign.ValueLayout.JAVA_LONG, 8, size);
  }

  /** The next part of the region, 4 KiB aligned; parts are reserved in the same order in every process. */
  public MemorySegment reserve(long size) {
    long start = align(next, 4096);
    if (start + size > region.byteSize()) {
      throw DbException.internal("shared memory region too small: need " + (start + size) + " bytes", null);
    }
    next = start + size;
    return region.asSlice(start, size);
  }

  public long byteSize() { return region.byteSize(); }

  /** The file the region is mapped from, or null when allocated in-process. */
  public Path file() { return file; }

  private static long align(long v, long a) { return (v + a - 1) & -a; }

  /** Unmaps or frees the region. The mapped file stays; whoever chose its path removes it. */
  @Override
  public void close() { arena.close(); }
}
