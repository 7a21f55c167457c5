package org.minidb.storage.heap;

import java.lang.foreign.MemorySegment;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.page.Page;
import org.minidb.storage.tx.CommitLog;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.SnapshotXids;

/**
 * MVCC visibility of one tuple version to a snapshot (PostgreSQL's HeapTupleSatisfiesMVCC); the rules are
 * spelled out in {@code tx/README.md}. Checks may set hint bits in the page (the caller holds at least the
 * shared content latch and, when {@link #check} reports hints, marks the buffer dirty as a hint).
 */
final class HeapTupleVisibility {
  private HeapTupleVisibility() {}

  static final int INVISIBLE = 0;
  static final int VISIBLE = 1;
  /** Flag added to the result when hint bits were set. */
  static final int HINTED = 2;

  static int check(MemorySegment page, int off, Snapshot s, MvccTransactionManager tm) {
    int mask = HeapTupleHeader.infomask(page, off);
    int hints = 0;
    if ((mask & HeapTupleHeader.XMIN_INVALID) != 0) return INVISIBLE;
    long xmin = HeapTupleHeader.xmin(page, off);
    if (SnapshotXids.isOwn(s, xmin)) {
      if (HeapTupleHeader.cmin(page, off) >= s.commandId()) return INVISIBLE;
    } else {
      if (SnapshotXids.isRunning(s, xmin)) return INVISIBLE;
      if ((mask & HeapTupleHeader.XMIN_COMMITTED) == 0) {
        int st = tm.xidStatus(xmin);
        if (st == CommitLog.COMMITTED) {
          // An async commit not yet durable gets no hint: a crash could still turn it into an abort.
          if (tm.commitHintAllowed(xmin, Page.lsn(page))) hints |= HeapTupleHeader.XMIN_COMMITTED;
        } else {
          if (st == CommitLog.ABORTED) HeapTupleHeader.setHint(page, off, HeapTupleHeader.XMIN_INVALID);
          return st == CommitLog.ABORTED ? INVISIBLE | HINTED : INVISIBLE;
        }
      }
    }
    int result = xmaxAllows(page, off, mask, s, tm);
    if (hints != 0) {
      HeapTupleHeader.setHint(page, off, hints);
      result |= HINTED;
    }
    return result;
  }

  private static int xmaxAllows(MemorySegment page, int off, int mask, Snapshot s, MvccTransactionManager tm) {
    if ((mask & (HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_LOCK_ONLY)) != 0) return VISIBLE;
    long xmax = HeapTupleHeader.xmax(page, off);
    if (xmax == 0) return VISIBLE;
    if (SnapshotXids.isOwn(s, xmax)) return HeapTupleHeader.cmax(page, off) >= s.commandId() ? VISIBLE : INVISIBLE;
    if (SnapshotXids.isRunning(s, xmax)) return VISIBLE;
    if ((mask & HeapTupleHeader.XMAX_COMMITTED) != 0) return INVISIBLE;
    int st = tm.xidStatus(xmax);
    if (st == CommitLog.COMMITTED) {
      if (!tm.commitHintAllowed(xmax, Page.lsn(page))) return INVISIBLE;
      HeapTupleHeader.setHint(page, off, HeapTupleHeader.XMAX_COMMITTED);
      return INVISIBLE | HINTED;
    }
    if (st == CommitLog.ABORTED) {
      HeapTupleHeader.setHint(page, off, HeapTupleHeader.XMAX_INVALID);
      return VISIBLE | HINTED;
    }
    return VISIBLE;
  }

  /**
   * For a SERIALIZABLE reader (PostgreSQL's HeapCheckForSerializableConflictOut): the xid whose change of this
   * version the snapshot does not show — the deleter of a visible version (running, or committed after the
   * snapshot), or the inserter of an invisible one (likewise) — or 0. Aborted changes and the reader's own do
   * not count. Called after {@link #check}, so hint bits are already set where they could be.
   */
  static long concurrentWriter(MemorySegment page, int off, boolean visible, Snapshot s, MvccTransactionManager tm) {
    int mask = HeapTupleHeader.infomask(page, off);
    if (visible) {
      if ((mask & (HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_LOCK_ONLY)) != 0) return 0;
      long xmax = HeapTupleHeader.xmax(page, off);
      if (xmax == 0 || SnapshotXids.isOwn(s, xmax)) return 0;
      return tm.xidStatus(xmax) == CommitLog.ABORTED ? 0 : xmax;
    }
    if ((mask & HeapTupleHeader.XMIN_INVALID) != 0) return 0;
    long xmin = HeapTupleHeader.xmin(page, off);
    if (SnapshotXids.isOwn(s, xmin) || !SnapshotXids.isRunning(s, xmin)) return 0;
    return tm.xidStatus(xmin) == CommitLog.ABORTED ? 0 : xmin;
  }
}
