package org.minidb.storage.heap;

import java.lang.foreign.MemorySegment;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.page.Page;
import org.minidb.storage.tx.CommitLog;
import org.minidb.storage.tx.MvccTransactionManager;

/**
 * Removes dead tuple versions from one heap page (PostgreSQL's heap_page_prune, without HOT chains): a version is dead when its inserter aborted, or when its deleter committed below the
 * horizon ({@link MvccTransactionManager#oldestXmin}) — no snapshot that exists or will exist can see it.
 * Dead items become LP_UNUSED — LP_DEAD in a heap with indexes, whose entries may still name them, until VACUUM
 * has removed those entries — and the page is compacted; live items keep their offset numbers.
 *
 * <p>Who calls it holds the page's exclusive content latch inside a {@code PageChange} (the compaction is
 * WAL-logged as a page change) — VACUUM for every page, and an UPDATE or INSERT that finds its page full.
 * Readers copy tuples out of a page under the shared latch before using them, so no one holds a pointer into
 * the page across the latch (PostgreSQL needs a cleanup lock for this; MiniDB's scans never keep one).
 */
final class HeapPruning {
  private HeapPruning() {}

  /** What a pass over one page found. */
  record Result(int removed, int live, int deadButNotRemovable) {
    static final Result NONE = new Result(0, 0, 0);
  }

  static Result prune(MemorySegment page, long horizon, MvccTransactionManager tm) {
    return prune(page, horizon, tm, false);
  }

  /** @param indexed keep dead items' line pointers (LP_DEAD), for index entries that may point at them */
  static Result prune(MemorySegment page, long horizon, MvccTransactionManager tm, boolean indexed) {
    if (Page.isNew(page)) return Result.NONE;
    int removed = 0;
    int live = 0;
    int recentlyDead = 0;
    boolean mayPruneLater = false;
    int n = Page.itemCount(page);
    for (int i = 1; i <= n; i++) {
      if (Page.itemFlags(page, i) != Page.LP_NORMAL) continue;
      int off = Page.itemOffset(page, i);
      switch (state(page, off, horizon, tm)) {
        case DEAD -> {
          if (indexed) Page.setDead(page, i); else Page.setUnused(page, i);
          removed++;
        }
        case RECENTLY_DEAD -> {
          recentlyDead++;
          mayPruneLater = true;
        }
        case DELETE_IN_PROGRESS -> {
          live++;
          mayPruneLater = true;
        }
        case LIVE -> live++;
      }
    }
    if (removed > 0) Page.repairFragmentation(page);
    Page.setFlag(page, Page.PD_PRUNABLE, mayPruneLater);
    return new Result(removed, live, recentlyDead);
  }

  enum State { LIVE, DELETE_IN_PROGRESS, RECENTLY_DEAD, DEAD }

  /**
   * Whether every version on the page is visible to every transaction there is or will be (PostgreSQL's
   * heap_page_is_all_visible): no dead or unused-but-not-reclaimed item, every version LIVE with a committed
   * inserter below the horizon. A row lock alone does not matter (the version stays visible).
   */
  static boolean allVisible(MemorySegment page, long horizon, MvccTransactionManager tm) {
    for (int i = 1, n = Page.itemCount(page); i <= n; i++) {
      int flags = Page.itemFlags(page, i);
      if (flags == Page.LP_UNUSED) continue;
      if (flags != Page.LP_NORMAL) return false;
      int off = Page.itemOffset(page, i);
      if (state(page, off, horizon, tm) != State.LIVE) return false;
      long xmin = HeapTupleHeader.xmin(page, off);
      if (xmin >= horizon) return false;
      if ((HeapTupleHeader.infomask(page, off) & HeapTupleHeader.XMIN_COMMITTED) == 0
          && tm.xidStatus(xmin) != CommitLog.COMMITTED) {
        return false;
      }
    }
    return true;
  }

  /** PostgreSQL's HeapTupleSatisfiesVacuum, for the cases MiniDB has. */
  static State state(MemorySegment page, int off, long horizon, MvccTransactionManager tm) {
    int mask = HeapTupleHeader.infomask(page, off);
    if ((mask & HeapTupleHeader.XMIN_INVALID) != 0) return State.DEAD;
    if ((mask & HeapTupleHeader.XMIN_COMMITTED) == 0) {
      int st = tm.xidStatus(HeapTupleHeader.xmin(page, off));
      if (st == CommitLog.ABORTED) return State.DEAD;
      if (st == CommitLog.IN_PROGRESS) return State.LIVE; // being inserted
    }
    long xmax = HeapTupleHeader.xmax(page, off);
    if (xmax == 0 || (mask & (HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_LOCK_ONLY)) != 0) return State.LIVE;
    if ((mask & HeapTupleHeader.XMAX_COMMITTED) == 0) {
      int st = tm.xidStatus(xmax);
      if (st == CommitLog.IN_PROGRESS) return State.DELETE_IN_PROGRESS;
      if (st == CommitLog.ABORTED) return State.LIVE;
    }
    return xmax < horizon ? State.DEAD : State.RECENTLY_DEAD;
  }
}
