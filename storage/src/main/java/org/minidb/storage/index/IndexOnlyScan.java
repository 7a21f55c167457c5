package org.minidb.storage.index;

import org.minidb.common.encoding.KeyCodec;
import org.minidb.common.encoding.KeyDecoder;
import org.minidb.storage.btree.BTreeScan;
import org.minidb.storage.heap.ItemPointer;
import org.minidb.storage.heap.PagedHeap;
import org.minidb.storage.heap.VisibilityMap;
import org.minidb.storage.tx.Snapshot;

/**
 * An index-only scan (PostgreSQL's IndexOnlyScan): the key values of the entries in a range whose heap version
 * the snapshot sees, read from the entries themselves. The heap is visited only for entries on pages the
 * visibility map does not mark all-visible, to check the version's visibility ({@link #heapFetches} counts
 * those visits, EXPLAIN ANALYZE's "Heap Fetches"). An entry's key equals its version's key, so what comes back
 * is what an Index Scan would have read from the heap — for the types {@link KeyDecoder} can decode, which the
 * planner checks before it chooses this scan.
 */
public final class IndexOnlyScan implements AutoCloseable {
  private final BTreeScan entries;
  private final PagedHeap heap;
  private final VisibilityMap visibilityMap;
  private final KeyCodec codec;
  private final Snapshot snapshot;
  private final PagedHeap.HorizonCache horizon;
  private final boolean[] allDead = new boolean[1];
  private long heapFetches;
  private Object[] values;
  /** The last heap page found all-visible, so that runs of entries on one page read the map once. */
  private long allVisibleBlock = -1;

  IndexOnlyScan(BTreeScan entries, PagedHeap heap, KeyCodec codec, Snapshot snapshot) {
    this.entries = entries;
    this.heap = heap;
    this.visibilityMap = heap.visibilityMap();
    this.codec = codec;
    this.snapshot = snapshot;
    this.horizon = heap.horizonCache();
  }

  public boolean next() {
    while (entries.next()) {
      long tid = entries.tid();
      long block = ItemPointer.block(tid);
      if (block != allVisibleBlock) {
        if (visibilityMap.isAllVisible(block)) {
          allVisibleBlock = block;
        } else {
          heapFetches++;
          boolean visible = heap.isVisible(tid, snapshot, horizon, allDead);
          if (allDead[0]) entries.killCurrent();
          if (!visible) continue;
        }
      }
      values = KeyDecoder.decode(codec, entries.key());
      return true;
    }
    values = null;
    entries.finish();
    return false;
  }

  /** The current entry's key values, in key column order. */
  public Object[] values() { return values; }

  /** How many entries needed a visit to the heap. */
  public long heapFetches() { return heapFetches; }

  @Override
  public void close() {
    values = null;
    entries.finish();
  }
}
