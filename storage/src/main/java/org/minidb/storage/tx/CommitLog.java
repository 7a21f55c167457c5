package org.minidb.storage.tx;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.file.FileSync;
import org.minidb.storage.wal.Wal;

/**
 * The commit log (PostgreSQL's clog, {@code pg_xact/}): two bits per xid, IN_PROGRESS (0), COMMITTED (1),
 * ABORTED (2). Pages of 8 KiB (32768 xids) are cached in {@link #SLOTS} slots in the shared region (an SLRU:
 * least recently used slot is replaced, written first if dirty). Segment files hold 32 pages each and are
 * named by their number in hex ({@code pg_xact/0000}).
 *
 * <p>One latch guards all slots; it is held exclusively for every access, including the page I/O of a slot
 * replacement (simple; the hint bits on tuples keep lookups rare). Dirty pages are written on replacement
 * and by {@link #flush()}.
 *
 * <p>Asynchronous commits (synchronous_commit = off): beside each cached page, one LSN per group of
 * {@link #XIDS_PER_LSN_GROUP} xids holds the end of the latest async commit record of the group (PostgreSQL's
 * group_lsn). Two rules follow from it: a page is written only after the WAL is flushed up to the largest LSN of
 * its groups (so the clog on disk never says committed for a commit a crash can still lose), and a hint bit
 * "committed" may be set on a tuple only once the WAL is flushed past its xid's commit LSN
 * ({@link #commitLsn}). A page read from disk has all group LSNs 0: what is on disk is durable.
 */
public final class CommitLog {
  public static final int IN_PROGRESS = 0;
  public static final int COMMITTED = 1;
  public static final int ABORTED = 2;

  static final int PAGE_SIZE = 8192;
  static final long XIDS_PER_PAGE = PAGE_SIZE * 4L;
  static final int PAGES_PER_SEGMENT = 32;
  static final int SLOTS = 16;
  static final int XIDS_PER_LSN_GROUP = 32;
  static final int LSN_GROUPS_PER_PAGE = (int) (XIDS_PER_PAGE / XIDS_PER_LSN_GROUP);
  // control part: latch u64, lru clock u64, then per slot: pageNo+1 u64, lru u64, dirty u64
  private static final int SLOT_META = 24;
  private static final long CTL_SIZE = 16 + SLOTS * SLOT_META;

  private final MemorySegment ctl;
  private final MemorySegment pages;
  /** Per slot, LSN_GROUPS_PER_PAGE longs: the group LSNs of the page in the slot. */
  private final MemorySegment groupLsns;
  private final Path dir;
  private final boolean fsync;
  /** The WAL flushed before a page with async commits is written; null in unit tests without a WAL. */
  private final Wal wal;

  public static long[] sharedSizes() {
    return new long[] {CTL_SIZE, (long) SLOTS * PAGE_SIZE, (long) SLOTS * LSN_GROUPS_PER_PAGE * 8};
  }

  public CommitLog(SharedMemory shm, Path dataDirectory, boolean fsync) { this(shm, dataDirectory, fsync, null); }

  public CommitLog(SharedMemory shm, Path dataDirectory, boolean fsync, Wal wal) {
    this.ctl = shm.reserve(CTL_SIZE);
    this.pages = shm.reserve((long) SLOTS * PAGE_SIZE);
    this.groupLsns = shm.reserve((long) SLOTS * LSN_GROUPS_PER_PAGE * 8);
    this.dir = dataDirectory.resolve("pg_xact");
    this.fsync = fsync;
    this.wal = wal;
  }

  public int status(long xid) {
    Latch.acquireExclusive(ctl, 0);
    try {
      int slot = slotFor(xid / XIDS_PER_PAGE);
      long byteOff = slot * (long) PAGE_SIZE + (xid % XIDS_PER_PAGE) / 4;
      int shift = (int) (xid % 4) * 2;
      return (pages.get(ValueLayout.JAVA_BYTE, byteOff) >>> shift) & 3;
    } finally {
      Latch.release(ctl, 0);
    }
  }

  public void setStatus(long xid, int status) { setStatus(xid, status, false); }

  /**
   * Records an asynchronous commit whose commit record ends at {@code commitLsn}, not yet flushed: the group's
   * LSN rises to it (see the class comment for what that prevents).
   */
  public void setCommittedAsync(long xid, long commitLsn) {
    Latch.acquireExclusive(ctl, 0);
    try {
      int slot = slotFor(xid / XIDS_PER_PAGE);
      setBits(slot, xid, COMMITTED);
      long off = groupLsnOffset(slot, xid);
      if (groupLsns.get(ValueLayout.JAVA_LONG, off) < commitLsn) groupLsns.set(ValueLayout.JAVA_LONG, off, commitLsn);
    } finally {
      Latch.release(ctl, 0);
    }
  }

  /**
   * The end of the latest async commit record among the xid's group (0 when none is known: every commit of
   * the group was synchronous or is on disk). A commit hint for the xid waits until the WAL is flushed to it.
   */
  public long commitLsn(long xid) {
    Latch.acquireExclusive(ctl, 0);
    try {
      return groupLsns.get(ValueLayout.JAVA_LONG, groupLsnOffset(slotFor(xid / XIDS_PER_PAGE), xid));
    } finally {
      Latch.release(ctl, 0);
    }
  }

  private static long groupLsnOffset(int slot, long xid) {
    return ((long) slot * LSN_GROUPS_PER_PAGE + (xid % XIDS_PER_PAGE) / XIDS_PER_LSN_GROUP) * 8;
  }

  /** Sets the two status bits of an xid in its slot and marks the slot dirty. Latch held. */
  private void setBits(int slot, long xid, int status) {
    long byteOff = slot * (long) PAGE_SIZE + (xid % XIDS_PER_PAGE) / 4;
    int shift = (int) (xid % 4) * 2;
    byte b = pages.get(ValueLayout.JAVA_BYTE, byteOff);
    pages.set(ValueLayout.JAVA_BYTE, byteOff, (byte) ((b & ~(3 << shift)) | (status << shift)));
    ctl.set(ValueLayout.JAVA_LONG, meta(slot) + 16, 1L);
  }

  /**
   * Records an outcome. With {@code writeThrough} the page is also written to its file at once (not fsynced;
   * it stays dirty so that flush still fsyncs it): used at commit, so that a process crash never leaves a
   * hint bit "committed" on a data page while the clog on disk still says "in progress".
   */
  public void setStatus(long xid, int status, boolean writeThrough) {
    Latch.acquireExclusive(ctl, 0);
    try {
      long pageNo = xid / XIDS_PER_PAGE;
      int slot = slotFor(pageNo);
      setBits(slot, xid, status);
      if (writeThrough) {
        writePage(slot, pageNo, false);
      }
    } finally {
      Latch.release(ctl, 0);
    }
  }

  /**
   * Marks every xid in [from, to) still IN_PROGRESS as ABORTED: run at startup, when no transaction can be
   * running, for the xids a crash may have left unresolved.
   */
  public void abortInProgress(long from, long to) {
    for (long xid = from; xid < to; xid++) {
      if (status(xid) == IN_PROGRESS) setStatus(xid, ABORTED);
    }
  }

  /** Writes every dirty page and fsyncs the segment files. */
  public void flush() {
    Latch.acquireExclusive(ctl, 0);
    try {
      for (int s = 0; s < SLOTS; s++) {
        long pageNo = ctl.get(ValueLayout.JAVA_LONG, meta(s)) - 1;
        if (pageNo >= 0 && ctl.get(ValueLayout.JAVA_LONG, meta(s) + 16) != 0) writeSlot(s, pageNo, fsync);
      }
    } finally {
      Latch.release(ctl, 0);
    }
  }

  private long maxGroupLsn(int slot) {
    long max = 0;
    for (int g = 0; g < LSN_GROUPS_PER_PAGE; g++) {
      max = Math.max(max, groupLsns.get(ValueLayout.JAVA_LONG, ((long) slot * LSN_GROUPS_PER_PAGE + g) * 8));
    }
    return max;
  }

  private static long meta(int slot) { return 16 + (long) slot * SLOT_META; }

  /** The slot holding the page, loading it (and evicting the LRU slot) if needed. Latch held. */
  private int slotFor(long pageNo) {
    long clock = ctl.get(ValueLayout.JAVA_LONG, 8) + 1;
    ctl.set(ValueLayout.JAVA_LONG, 8, clock);
    int victim = -1;
    long victimLru = Long.MAX_VALUE;
    for (int s = 0; s < SLOTS; s++) {
      long held = ctl.get(ValueLayout.JAVA_LONG, meta(s)) - 1;
      if (held == pageNo) {
        ctl.set(ValueLayout.JAVA_LONG, meta(s) + 8, clock);
        return s;
      }
      long lru = held < 0 ? -1 : ctl.get(ValueLayout.JAVA_LONG, meta(s) + 8);
      if (lru < victimLru) {
        victimLru = lru;
        victim = s;
      }
    }
    long old = ctl.get(ValueLayout.JAVA_LONG, meta(victim)) - 1;
    if (old >= 0 && ctl.get(ValueLayout.JAVA_LONG, meta(victim) + 16) != 0) writeSlot(victim, old, fsync);
    readPage(victim, pageNo);
    ctl.set(ValueLayout.JAVA_LONG, meta(victim), pageNo + 1);
    ctl.set(ValueLayout.JAVA_LONG, meta(victim) + 8, clock);
    ctl.set(ValueLayout.JAVA_LONG, meta(victim) + 16, 0L);
    return victim;
  }

  private Path segmentPath(long pageNo) { return dir.resolve(String.format("%04X", pageNo / PAGES_PER_SEGMENT)); }

  private void readPage(int slot, long pageNo) {
    MemorySegment page = pages.asSlice((long) slot * PAGE_SIZE, PAGE_SIZE);
    page.fill((byte) 0);
    groupLsns.asSlice((long) slot * LSN_GROUPS_PER_PAGE * 8, LSN_GROUPS_PER_PAGE * 8L).fill((byte) 0);
    Path seg = segmentPath(pageNo);
    if (!Files.exists(seg)) return;
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ)) {
      ByteBuffer bb = page.asByteBuffer();
      long pos = (pageNo % PAGES_PER_SEGMENT) * PAGE_SIZE;
      while (bb.hasRemaining()) {
        if (ch.read(bb, pos + bb.position()) < 0) break; // beyond the end: zeros (in progress)
      }
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not read file \"" + seg + "\": " + e.getMessage(), e);
    }
  }

  private void writeSlot(int slot, long pageNo, boolean sync) {
    writePage(slot, pageNo, sync);
    ctl.set(ValueLayout.JAVA_LONG, meta(slot) + 16, 0L);
  }

  private void writePage(int slot, long pageNo, boolean sync) {
    // WAL before clog: the page may say committed for async commits whose records are not durable yet.
    // (Under the clog latch: the WAL write latch holder takes no other latch, so this cannot deadlock.)
    if (wal != null) wal.flush(maxGroupLsn(slot));
    Path seg = segmentPath(pageNo);
    boolean created = !Files.exists(seg);
    if (created) FileSync.createDirectories(dir, fsync);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer bb = pages.asSlice((long) slot * PAGE_SIZE, PAGE_SIZE).asByteBuffer();
      long pos = (pageNo % PAGES_PER_SEGMENT) * PAGE_SIZE;
      while (bb.hasRemaining()) ch.write(bb, pos + bb.position());
      if (sync) ch.force(true);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not write file \"" + seg + "\": " + e.getMessage(), e);
    }
    if (created) FileSync.directory(dir, fsync);
  }
}
