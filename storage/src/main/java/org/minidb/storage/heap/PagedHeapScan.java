package org.minidb.storage.heap;

import java.lang.foreign.MemorySegment;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.page.Page;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.ssi.SerializableXact;

/**
 * A sequential scan in page-at-a-time mode: each page is pinned and share-latched once, its visible tuples
 * copied out, and released before the caller sees them. The number of blocks is fixed when the scan starts;
 * blocks added later can only hold versions the snapshot cannot see.
 *
 * <p>For an index build ({@code buildHorizon >= 0}) it also returns the versions the snapshot does not see but
 * that are not dead below the horizon ({@link IndexBuildScan}).
 */
final class PagedHeapScan implements IndexBuildScan {
  private final BufferPool pool;
  private final MvccTransactionManager tm;
  private final RelFileLocator locator;
  private final long nblocks;
  private final Snapshot snapshot;
  private final FreeSpaceMap fsm;
  /** The reader's SSI state when it is SERIALIZABLE, else null (then nothing below costs more than this test). */
  private final SerializableXact serializable;
  /** The oldest xmin when the scan feeds an index build, else -1 (only visible versions are returned). */
  private final long buildHorizon;
  /** On-access pruning of a pinned page before it is read (PagedHeap.pruneOnRead), or null. */
  private java.util.function.IntConsumer pruneOnRead;
  private long block = -1;
  private long[] tids = new long[64];
  private byte[][] tuples = new byte[64][];
  private boolean[] visible = new boolean[64];
  private int count;
  private int pos = -1;
  private boolean closed;

  PagedHeapScan(BufferPool pool, MvccTransactionManager tm, RelFileLocator locator, long nblocks, Snapshot snapshot,
      FreeSpaceMap fsm, SerializableXact serializable) {
    this(pool, tm, locator, nblocks, snapshot, fsm, serializable, -1);
  }

  PagedHeapScan(BufferPool pool, MvccTransactionManager tm, RelFileLocator locator, long nblocks, Snapshot snapshot,
      FreeSpaceMap fsm, SerializableXact serializable, long buildHorizon) {
    this.buildHorizon = buildHorizon;
    this.pool = pool;
    this.tm = tm;
    this.locator = locator;
    this.nblocks = nblocks;
    this.snapshot = snapshot;
    this.fsm = fsm;
    this.serializable = serializable;
  }

  @Override
  public boolean next() {
    if (closed) return false;
    while (pos + 1 >= count) {
      if (block + 1 >= nblocks) {
        tuples = null;
        closed = true;
        return false;
      }
      block++;
      loadPage(block);
    }
    pos++;
    return true;
  }

  private void loadPage(long blk) {
    count = 0;
    pos = -1;
    int buf = pool.readBuffer(locator, blk);
    try {
      if (pruneOnRead != null) pruneOnRead.accept(buf);
      pool.lockShared(buf);
      try {
        MemorySegment page = pool.page(buf);
        if (Page.isNew(page)) return;
        boolean hinted = false;
        // Every version on an all-visible page is visible to every snapshot and changed by no one (a change
        // clears the flag first): no checks, and nothing for SERIALIZABLE to record (PostgreSQL's pagemode).
        boolean allVisible = Page.hasFlag(page, Page.PD_ALL_VISIBLE);
        int items = Page.itemCount(page);
        for (int n = 1; n <= items; n++) {
          if (Page.itemFlags(page, n) != Page.LP_NORMAL) continue;
          int off = Page.itemOffset(page, n);
          int r = allVisible ? HeapTupleVisibility.VISIBLE : HeapTupleVisibility.check(page, off, snapshot, tm);
          if ((r & HeapTupleVisibility.HINTED) != 0) hinted = true;
          if (serializable != null && !allVisible) {
            checkConflictOut(page, off, (r & HeapTupleVisibility.VISIBLE) != 0);
          }
          boolean seen = (r & HeapTupleVisibility.VISIBLE) != 0;
          if (!seen && (buildHorizon < 0
              || HeapPruning.state(page, off, buildHorizon, tm) == HeapPruning.State.DEAD)) {
            continue;
          }
          if (count == tids.length) {
            tids = java.util.Arrays.copyOf(tids, count * 2);
            tuples = java.util.Arrays.copyOf(tuples, count * 2);
            visible = java.util.Arrays.copyOf(visible, count * 2);
          }
          visible[count] = seen;
          tids[count] = ItemPointer.of(blk, n);
          tuples[count] = Page.itemBytes(page, n, HeapTupleHeader.SIZE);
          count++;
        }
        if (hinted) pool.markDirtyHint(buf);
        fsm.record(blk, Page.freeSpace(page));
      } finally {
        pool.unlockContent(buf);
      }
    } finally {
      pool.unpin(buf);
    }
  }

  /** A SERIALIZABLE reader met a version changed by a concurrent transaction: reader → writer. */
  private void checkConflictOut(MemorySegment page, int off, boolean visible) {
    long writer = HeapTupleVisibility.concurrentWriter(page, off, visible, snapshot, tm);
    if (writer != 0) tm.predicateLocks().conflictOut(serializable, writer);
  }

  /** Prunes each page first when it is worth it (user tables' scans: PostgreSQL's heap_page_prune_opt in heapgetpage). */
  PagedHeapScan pruningOnRead(java.util.function.IntConsumer pruner) {
    this.pruneOnRead = pruner;
    return this;
  }

  @Override
  public long tid() { return tids[pos]; }

  @Override
  public byte[] tuple() { return tuples[pos]; }

  @Override
  public boolean visible() { return visible[pos]; }

  @Override
  public void close() {
    closed = true;
    tuples = null;
  }
}
