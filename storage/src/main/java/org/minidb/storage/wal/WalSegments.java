package org.minidb.storage.wal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.file.FileSync;

/**
 * The segment files of {@code pg_wal/}. A segment is created at its full size as a sparse file (reads of the
 * unwritten part return zeros, the end-of-WAL marker, without paying for 16 MiB of zero writes); the directory
 * is fsynced after a segment is created or removed.
 *
 * <p>The open segment being written is a per-process accelerator (each process opens its own descriptor);
 * callers serialize writes (the WAL write latch).
 */
public final class WalSegments implements AutoCloseable {
  private final Path dir;
  private final boolean fsync;
  private FileChannel current;
  private long currentSegno = -1;

  public WalSegments(Path dataDirectory, boolean fsync) {
    this.dir = dataDirectory.resolve("pg_wal");
    this.fsync = fsync;
    FileSync.createDirectories(dir, fsync);
  }

  public Path directory() { return dir; }

  public Path pathOf(long segno) { return dir.resolve(Lsn.fileName(segno)); }

  /** Writes {@code src} at WAL position {@code lsn}; the bytes lie within one segment. */
  void write(long lsn, MemorySegment src) {
    FileChannel ch = channelFor(Lsn.segment(lsn));
    ByteBuffer bb = src.asByteBuffer();
    long pos = Lsn.offsetInSegment(lsn);
    try {
      while (bb.hasRemaining()) ch.write(bb, pos + bb.position());
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not write to log file \"" + Lsn.fileName(currentSegno)
          + "\" at offset " + pos + ": " + e.getMessage(), e);
    }
  }

  /** fdatasync of the segment being written (no-op when fsync is off). */
  void sync() {
    if (!fsync || current == null) return;
    try {
      current.force(false);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR,
          "could not fdatasync file \"" + Lsn.fileName(currentSegno) + "\": " + e.getMessage(), e);
    }
  }

  private FileChannel channelFor(long segno) {
    if (segno == currentSegno) return current;
    sync(); // a flush covers only the current segment: the one left behind is synced now
    closeCurrent();
    Path p = pathOf(segno);
    try {
      boolean created = !Files.exists(p);
      FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      if (ch.size() < Lsn.SEGMENT_SIZE) {
        ch.write(ByteBuffer.wrap(new byte[1]), Lsn.SEGMENT_SIZE - 1); // sparse: sized, zeros read back
      }
      if (created) {
        if (fsync) ch.force(true);
        FileSync.directory(dir, fsync);
      }
      current = ch;
      currentSegno = segno;
      return ch;
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not open log file \"" + p + "\": " + e.getMessage(), e);
    }
  }

  /** Segment numbers present, ascending. */
  public List<Long> list() {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        long n = Lsn.parseFileName(p.getFileName().toString());
        if (n >= 0) out.add(n);
      });
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not read directory \"" + dir + "\": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** Removes the segments wholly before {@code lsn} (they are not needed for recovery any more). */
  public int removeBefore(long lsn) {
    int removed = 0;
    for (long segno : list()) {
      if (segno >= Lsn.segment(lsn) || segno == currentSegno) continue;
      try {
        if (Files.deleteIfExists(pathOf(segno))) removed++;
      } catch (IOException e) {
        throw DbException.of(SqlState.IO_ERROR, "could not remove file \"" + pathOf(segno) + "\": " + e.getMessage(), e);
      }
    }
    if (removed > 0) FileSync.directory(dir, fsync);
    return removed;
  }

  /**
   * Makes {@code end} the end of the WAL after recovery: the rest of its segment becomes zeros and later
   * segments are removed, so that stale bytes beyond a torn record can never be read as records later.
   */
  public void truncateAt(long end) {
    long segno = Lsn.segment(end);
    Path p = pathOf(segno);
    try {
      if (Files.exists(p)) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
          ch.truncate(Lsn.offsetInSegment(end));
          ch.write(ByteBuffer.wrap(new byte[1]), Lsn.SEGMENT_SIZE - 1);
          if (fsync) ch.force(true);
        }
      }
      boolean removed = false;
      for (long s : list()) {
        if (s > segno) removed |= Files.deleteIfExists(pathOf(s));
      }
      if (removed) FileSync.directory(dir, fsync);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not reset the end of the WAL in \"" + p + "\": " + e.getMessage(), e);
    }
  }

  /** The whole segment, or null if its file does not exist (shorter files read as if zero-filled). */
  public byte[] read(long segno) {
    Path p = pathOf(segno);
    if (!Files.exists(p)) return null;
    byte[] buf = new byte[Lsn.SEGMENT_SIZE];
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ByteBuffer bb = ByteBuffer.wrap(buf);
      while (bb.hasRemaining() && ch.read(bb, bb.position()) >= 0) {
        // keep reading until the end of the file
      }
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not read file \"" + p + "\": " + e.getMessage(), e);
    }
    return buf;
  }

  private void closeCurrent() {
    if (current == null) return;
    try {
      current.close();
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not close log file: " + e.getMessage(), e);
    } finally {
      current = null;
      currentSegno = -1;
    }
  }

  @Override
  public void close() { closeCurrent(); }
}
