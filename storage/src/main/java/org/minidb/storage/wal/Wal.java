package org.minidb.storage.wal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.shmem.ShmemWords;

/**
 * The write-ahead log (PostgreSQL's xlog.c): record insertion into a ring buffer in the shared region, and
 * writing/flushing that buffer to the segment files. See this package's README for the invariants.
 *
 * <p>Shared control words (offsets in the control part):
 * <pre>
 * 0  insert latch    serializes insertion: reserving space, copying the record, publishing INSERT_POS
 * 8  write latch     serializes writing the ring to files and fsync (the group-commit point)
 * 16 INSERT_POS      end of the last fully copied record: everything below is complete in the ring
 * 24 PREV_RECORD     start of the last inserted record (the next record's xl_prev)
 * 32 WRITTEN_POS     everything below was written to the segment files (not necessarily fsynced)
 * 40 FLUSHED_POS     everything below is durable
 * 48 REDO_PTR        redo point of the latest checkpoint begun: a page whose LSN is &lt;= it is logged whole
 * 56 commit latch    held shared from a commit record's insertion until the commit log says committed;
 *                    a checkpoint takes it exclusively to choose its redo point (PostgreSQL's DELAY_CHKPT)
 * 64 FLUSH_REQUESTS  flush calls that found their position not yet durable (statistics)
 * 72 FLUSHES         physical flushes done (statistics; requests / flushes = group commit factor)
 * 80 ASYNC_XACT_LSN  end of the latest asynchronous commit record (PostgreSQL's asyncXactLSN): the WAL writer
 *                    flushes up to it; while FLUSHED_POS &gt;= it no async commit is at risk
 * 88 SEGS_ADDED      segment files created (not recycled) since start (statistics, checkpoint log line)
 * </pre>
 * The ring holds the bytes of positions [WRITTEN_POS, INSERT_POS) at {@code lsn % RING_SIZE}.
 */
public final class Wal implements AutoCloseable {
  public static final int RING_SIZE = 2 * 1024 * 1024;
  private static final long CTL_SIZE = 128;
  private static final int INSERT_LATCH = 0, WRITE_LATCH = 8, INSERT_POS = 16, PREV_RECORD = 24, WRITTEN_POS = 32,
      FLUSHED_POS = 40, REDO_PTR = 48, COMMIT_LATCH = 56, FLUSH_REQUESTS = 64, FLUSHES = 72, ASYNC_XACT_LSN = 80,
      SEGS_ADDED = 88;
  /**
   * How long a flush waiter sleeps at most before it looks at the shared words again: the bound on a missed
   * wake-up (a flusher in another process cannot unpark our threads). In-process flushers wake waiters at once.
   */
  private static final long FALLBACK_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final MemorySegment ctl;
  private final MemorySegment ring;
  private final WalSegments segments;
  private final boolean fsync;
  private final FlushWaiters waiters = new FlushWaiters();
  /** The WAL writer of this process, nudged when async commits pile up; null when there is none. */
  private volatile WalWriter writer;

  /** Shared memory sizes, in the order the constructor reserves them. */
  public static long[] sharedSizes() { return new long[] {CTL_SIZE, RING_SIZE}; }

  public Wal(SharedMemory shm, Path dataDirectory, boolean fsync) {
    this.ctl = shm.reserve(CTL_SIZE);
    this.ring = shm.reserve(RING_SIZE);
    this.segments = new WalSegments(dataDirectory, fsync);
    this.fsync = fsync;
    // Until startAt: recovery replays records already on disk, so every page LSN counts as flushed.
    ShmemWords.set(ctl, FLUSHED_POS, Long.MAX_VALUE);
  }

  public WalSegments segments() { return segments; }

  public boolean fsyncEnabled() { return fsync; }

  /** Starts insertion at {@code end} (the end of the valid WAL), after recovery. */
  public void startAt(long end, long prevRecord) {
    ShmemWords.set(ctl, INSERT_POS, end);
    ShmemWords.set(ctl, PREV_RECORD, prevRecord);
    ShmemWords.set(ctl, WRITTEN_POS, end);
    ShmemWords.set(ctl, FLUSHED_POS, end);
  }

  /** Inserts a record; returns its end position (the LSN of the pages it changes). */
  public long insert(long xid, int rmgr, int info, byte[] data) { return insert(xid, rmgr, info, redo -> data); }

  /**
   * Inserts a record whose data may depend on the redo point (a page change is logged as a full image when the
   * page was last changed at or before it). {@code body} runs under the insert latch: it must be quick.
   */
  public long insert(long xid, int rmgr, int info, LongFunction<byte[]> body) {
    Latch.acquireExclusive(ctl, INSERT_LATCH);
    try {
      long prev = ShmemWords.get(ctl, PREV_RECORD);
      long published = ShmemWords.get(ctl, INSERT_POS);
      byte[] data = body.apply(ShmemWords.get(ctl, REDO_PTR));
      int len = WalRecord.aligned(WalRecord.HEADER + data.length);
      long pos = published;
      if (Lsn.SEGMENT_SIZE - Lsn.offsetInSegment(pos) < len) pos = Lsn.segmentStart(Lsn.segment(pos) + 1);
      byte[] rec = WalRecord.encode(pos, xid, prev, rmgr, info, data);
      if (pos + len - ShmemWords.get(ctl, WRITTEN_POS) > RING_SIZE) {
        // The ring is full: write out everything published (no fsync) to make room.
        Latch.acquireExclusive(ctl, WRITE_LATCH);
        try {
          writeOut(published);
        } finally {
          releaseWriteLatch();
        }
      }
      fillRing(published, pos - published, null);
      fillRing(pos, rec.length, rec);
      fillRing(pos + rec.length, len - rec.length, null);
      ShmemWords.set(ctl, PREV_RECORD, pos);
      ShmemWords.set(ctl, INSERT_POS, pos + len);
      return pos + len;
    } finally {
      Latch.release(ctl, INSERT_LATCH);
    }
  }

  /** Copies {@code src} (or zeros when null) into the ring at the bytes of WAL positions [lsn, lsn + n). */
  private void fillRing(long lsn, long n, byte[] src) {
    int done = 0;
    while (done < n) {
      int at = (int) ((lsn + done) % RING_SIZE);
      int chunk = (int) Math.min(n - done, RING_SIZE - at);
      if (src == null) {
        ring.asSlice(at, chunk).fill((byte) 0);
      } else {
        MemorySegment.copy(src, done, ring, ValueLayout.JAVA_BYTE, at, chunk);
      }
      done += chunk;
    }
  }

  /** Writes the ring's bytes up to {@code target} to the segment files. Write latch held. */
  private void writeOut(long target) {
    long w = ShmemWords.get(ctl, WRITTEN_POS);
    while (w < target) {
      long segEnd = Lsn.segmentStart(Lsn.segment(w) + 1);
      int at = (int) (w % RING_SIZE);
      long n = Math.min(Math.min(target, segEnd) - w, RING_SIZE - at);
      if (segments.write(w, ring.asSlice(at, n))) ShmemWords.getAndAdd(ctl, SEGS_ADDED, 1);
      w += n;
      ShmemWords.set(ctl, WRITTEN_POS, w);
    }
  }

  /**
   * Makes the WAL durable up to {@code upTo} (PostgreSQL's XLogFlush). Group commit without polling: a caller
   * whose position is not durable either takes the free write latch and flushes everything inserted so far
   * (covering everyone queued behind it), or, while another flush is running, sleeps until that flush ends
   * (woken at once by the flusher, see {@link FlushWaiters}) and then looks again: durable now, or it becomes
   * the next flusher. So one fsync serves every commit inserted before it started.
   */
  public void flush(long upTo) {
    if (ShmemWords.get(ctl, FLUSHED_POS) >= upTo) return;
    ShmemWords.getAndAdd(ctl, FLUSH_REQUESTS, 1);
    Thread me = null;
    try {
      for (;;) {
        if (ShmemWords.get(ctl, FLUSHED_POS) >= upTo) return;
        if (Latch.tryAcquireExclusive(ctl, WRITE_LATCH)) {
          try {
            if (ShmemWords.get(ctl, FLUSHED_POS) < upTo) flushLocked();
          } finally {
            releaseWriteLatch();
          }
          return;
        }
        if (me == null) {
          // Register, then look again before sleeping: a flush that ended in between is not missed.
          me = Thread.currentThread();
          waiters.register(me);
          continue;
        }
        LockSupport.parkNanos(this, FALLBACK_WAIT_NANOS);
      }
    } finally {
      if (me != null) waiters.deregister(me);
    }
  }

  /** Writes and fdatasyncs everything inserted so far. Write latch held. */
  private void flushLocked() {
    long target = ShmemWords.get(ctl, INSERT_POS);
    writeOut(target);
    segments.sync();
    ShmemWords.set(ctl, FLUSHED_POS, target);
    ShmemWords.getAndAdd(ctl, FLUSHES, 1);
  }

  /** Releases the write latch and wakes this process's flush waiters (the new flushed position is published). */
  private void releaseWriteLatch() {
    Latch.release(ctl, WRITE_LATCH);
    waiters.wakeAll();
  }

  /**
   * Records the end of an asynchronous commit's record (PostgreSQL's XLogSetAsyncXactLSN): the WAL writer
   * flushes up to it within wal_writer_delay, or sooner once wal_writer_flush_after bytes wait.
   */
  public void setAsyncCommitLsn(long end) {
    for (;;) {
      long cur = ShmemWords.get(ctl, ASYNC_XACT_LSN);
      if (cur >= end || ShmemWords.cas(ctl, ASYNC_XACT_LSN, cur, end)) break;
    }
    WalWriter w = writer;
    if (w != null) w.nudgeIfDue(end - flushedPosition());
  }

  /** End of the latest asynchronous commit record (0 if none yet). */
  public long asyncCommitLsn() { return ShmemWords.get(ctl, ASYNC_XACT_LSN); }

  /** True while {@code lsn} is not durable yet (PostgreSQL's XLogNeedsFlush). */
  public boolean needsFlush(long lsn) { return lsn > flushedPosition(); }

  void attachWriter(WalWriter w) { this.writer = w; }

  /** Segment files created (not recycled ones) since start. */
  public long segmentsAdded() { return ShmemWords.get(ctl, SEGS_ADDED); }

  /**
   * After a checkpoint whose redo point is {@code redo}: the segments wholly before it are not needed by
   * recovery any more. Renames them to future segment names up to {@code maxRecycleSegno} (their allocation is
   * reused) and removes the rest. Returns {removed, recycled}. Runs under the write latch, so that no segment
   * file is created by a writer while names are being taken.
   */
  public int[] recycleSegmentsBefore(long redo, long maxRecycleSegno) {
    Latch.acquireExclusive(ctl, WRITE_LATCH);
    try {
      return segments.recycleBefore(Lsn.segment(redo), Lsn.segment(insertPosition()), maxRecycleSegno);
    } finally {
      releaseWriteLatch();
    }
  }

  /** Flushes everything inserted so far. */
  public void flushAll() { flush(insertPosition()); }

  /** End of the last inserted record (pg_current_wal_insert_lsn). */
  public long insertPosition() { return ShmemWords.get(ctl, INSERT_POS); }

  /** Everything below is durable (pg_current_wal_flush_lsn). */
  public long flushedPosition() { return ShmemWords.get(ctl, FLUSHED_POS); }

  /** Start of the last inserted record. */
  public long lastRecord() { return ShmemWords.get(ctl, PREV_RECORD); }

  public long redoPointer() { return ShmemWords.get(ctl, REDO_PTR); }

  /** True when a page whose LSN is {@code pageLsn} must be logged whole at its next change or hint. */
  public boolean needsFullPage(long pageLsn) { return pageLsn <= redoPointer(); }

  /** Called once recovery knows the redo point of the checkpoint it started from. */
  public void setRedoPointer(long redo) { ShmemWords.set(ctl, REDO_PTR, redo); }

  /**
   * Chooses the redo point of a new checkpoint: the current insert position, taken while no commit is between
   * its commit record and its commit-log update (so every commit before the point is in the commit log the
   * checkpoint writes). From now on the first change of every page logs a full-page image.
   */
  public long beginCheckpoint() {
    Latch.acquireExclusive(ctl, COMMIT_LATCH);
    try {
      Latch.acquireExclusive(ctl, INSERT_LATCH);
      try {
        long redo = ShmemWords.get(ctl, INSERT_POS);
        ShmemWords.set(ctl, REDO_PTR, redo);
        return redo;
      } finally {
        Latch.release(ctl, INSERT_LATCH);
      }
    } finally {
      Latch.release(ctl, COMMIT_LATCH);
    }
  }

  /** Enters the span from a commit record's insertion to the commit-log update (see {@link #beginCheckpoint}). */
  public void enterCommit() { Latch.acquireShared(ctl, COMMIT_LATCH); }

  public void exitCommit() { Latch.release(ctl, COMMIT_LATCH); }

  /** Flush calls that had to wait for their position to become durable. */
  public long flushRequests() { return ShmemWords.get(ctl, FLUSH_REQUESTS); }

  /** Physical flushes (write + fdatasync) done. */
  public long flushes() { return ShmemWords.get(ctl, FLUSHES); }

  @Override
  public void close() { segments.close(); }
}
