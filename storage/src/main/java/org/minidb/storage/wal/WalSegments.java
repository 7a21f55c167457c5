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
  /** Set by channelFor when it created a new file (not a recycled one). */
  private boolean createdFile;

  public WalSegments(Path dataDirectory, boolean fsync) {
    this.dir = dataDirectory.resolve("pg_wal");
    this.fsync = fsync;
    FileSync.createDirectories(dir, fsync);
  }

  public Path directory() { return dir; }

  public Path pathOf(long segno) { return dir.resolve(Lsn.fileName(segno)); }

  /**
   * Writes {@code src} at WAL position {@code lsn}; the bytes lie within one segment. Returns true when the
   * segment's file had to be created (no recycled file had its name).
   */
  boolean write(long lsn, MemorySegment src) {
    createdFile = false;
    FileChannel ch = channelFor(Lsn.segment(lsn));
    ByteBuffer bb = src.asByteBuffer();
    long pos = Lsn.offsetInSegment(lsn);
    try {
      while (bb.hasRemaining()) ch.write(bb, pos + bb.position());
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not write to log file \"" + Lsn.fileName(currentSegno)
          + "\" at offset " + pos + ": " + e.getMessage(), e);
    }
    return createdFile;
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
        createdFile = true;
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

  /**
   * Recycles the segments before {@code beforeSegno} (PostgreSQL's RemoveOldXlogFiles): each is renamed to the
   * first free segment name from {@code fromSegno} on, as long as that name is at most {@code maxSegno}, and
   * removed otherwise. A recycled file keeps its allocated blocks (writing it later allocates nothing) and its
   * old records, which no reader takes for new ones: every record carries its own LSN. The directory is
   * fsynced before returning, so a renamed file never loses its new name after a crash once WAL is written
   * into it. The caller holds the WAL write latch (no one creates segment files meanwhile).
   *
   * @return {removed, recycled}
   */
  int[] recycleBefore(long beforeSegno, long fromSegno, long maxSegno) {
    int removed = 0, recycled = 0;
    long next = fromSegno;
    for (long segno : list()) {
      if (segno >= beforeSegno || segno == currentSegno) continue;
      Path old = pathOf(segno);
      try {
        while (next <= maxSegno && Files.exists(pathOf(next))) next++;
        if (next <= maxSegno) {
          Files.move(old, pathOf(next));
          next++;
          recycled++;
        } else if (Files.deleteIfExists(old)) {
          removed++;
        }
      } catch (IOException e) {
        throw DbException.of(SqlState.IO_ERROR, "could not recycle or remove file \"" + old + "\": " + e.getMessage(), e);
      }
    }
    if (removed + recycled > 0) FileSync.directory(dir, fsync);
    return new int[] {removed, recycled};
  }

  /**
   * Makes {@code end} the end of the WAL after recovery: the rest of its segment becomes zeros and, after a
   * crash ({@code removeLater}), later segments are removed, so that records the crashed run wrote beyond a
   * torn one (at their right positions) can never be read as records later. After a clean shutdown the later
   * segments can only be recycled files, whose old records carry other LSNs: they are kept for reuse.
   */
  public void truncateAt(long end) { truncateAt(end, true); }

  public void truncateAt(long end, boolean removeLater) {
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
      for (long s : removeLater ? list() : List.<Long>of()) {
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
