package org.minidb.storage.index;

import org.minidb.storage.btree.BTreeScan;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.PagedHeap;
import org.minidb.storage.tx.Snapshot;

/**
 * The heap tuples an index range points at, visible to a snapshot, in index order (PostgreSQL's index_getnext):
 * each entry's tid is fetched from the heap and its visibility checked there, since an index holds entries for
 * every version, live or dead. The caller re-checks its conditions on the tuple. An entry whose version is dead to
 * every transaction is flagged LP_DEAD in the index (kill_prior_tuple, {@link BTreeScan#killCurrent}).
 */
final class IndexHeapScan implements HeapScan {
  private final BTreeScan entries;
  private final PagedHeap heap;
  private final Snapshot snapshot;
  private final PagedHeap.HorizonCache horizon;
  private final boolean[] allDead = new boolean[1];
  private long tid;
  private byte[] tuple;

  IndexHeapScan(BTreeScan entries, PagedHeap heap, Snapshot snapshot) {
    this.entries = entries;
    this.heap = heap;
    this.snapshot = snapshot;
    this.horizon = heap.horizonCache();
  }

  @Override
  public boolean next() {
    while (entries.next()) {
      byte[] data = heap.fetch(entries.tid(), snapshot, horizon, allDead);
      if (allDead[0]) entries.killCurrent(); // kill_prior_tuple: later scans skip the entry
      if (data != null) {
        tid = entries.tid();
        tuple = data;
        return true;
      }
    }
    tuple = null;
    entries.finish();
    return false;
  }

  @Override
  public long tid() { return tid; }

  @Override
  public byte[] tuple() { return tuple; }

  @Override
  public void close() {
    tuple = null;
    entries.finish();
  }
}
