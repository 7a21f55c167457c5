package org.minidb.storage.heap;

import java.lang.foreign.MemorySegment;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.tx.CommitLog;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.Transaction;

/**
 * Does a version with the same key block a unique insert? PostgreSQL's answer through SnapshotDirty: a version
 * counts while its inserter has not aborted and its deleter has not committed; when either is still running
 * the inserter must wait for it and look again. The inserter's own changes count as committed.
 */
final class HeapUniqueness {
  private HeapUniqueness() {}

  static final long NO_CONFLICT = 0;
  static final long CONFLICT = -1;

  /** NO_CONFLICT, CONFLICT, or the xid to wait for (page latched at least shared). */
  static long verdict(MemorySegment page, int off, Transaction tx, MvccTransactionManager tm) {
    int mask = HeapTupleHeader.infomask(page, off);
    if ((mask & HeapTupleHeader.XMIN_INVALID) != 0) return NO_CONFLICT;
    long xmin = HeapTupleHeader.xmin(page, off);
    if ((mask & HeapTupleHeader.XMIN_COMMITTED) == 0 && !tx.isOwnXid(xmin)) {
      int st = tm.xidStatus(xmin);
      if (st == CommitLog.ABORTED) return NO_CONFLICT;
      if (st == CommitLog.IN_PROGRESS) return xmin;
    }
    long xmax = HeapTupleHeader.xmax(page, off);
    if (xmax == 0 || (mask & (HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_LOCK_ONLY)) != 0) return CONFLICT;
    if (tx.isOwnXid(xmax)) return NO_CONFLICT;
    if ((mask & HeapTupleHeader.XMAX_COMMITTED) != 0) return NO_CONFLICT;
    int st = tm.xidStatus(xmax);
    if (st == CommitLog.IN_PROGRESS) return xmax;
    return st == CommitLog.ABORTED ? CONFLICT : NO_CONFLICT;
  }
}
