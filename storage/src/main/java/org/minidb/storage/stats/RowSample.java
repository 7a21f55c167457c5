package org.minidb.storage.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.Snapshot;

/**
 * A uniform random sample of a heap's live rows (Vitter's reservoir, algorithm R, over one sequential scan),
 * returned in physical (tid) order, as PostgreSQL's acquire_sample_rows returns its sample, so that the
 * correlation can be computed from it. A table with no more rows than the sample size is read whole, which
 * makes every statistic exact. MiniDB reads the whole heap where PostgreSQL samples blocks first: the row count
 * is then exact rather than estimated.
 *
 * @param tuples the sampled rows' encodings, in tid order
 * @param liveRows the live rows counted
 */
record RowSample(List<byte[]> tuples, long liveRows) {
  static RowSample of(HeapRelation heap, Snapshot snapshot, int size) {
    long[] tids = new long[size];
    byte[][] rows = new byte[size][];
    long seen = 0;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (HeapScan scan = heap.scan(snapshot)) {
      while (scan.next()) {
        if (seen < size) {
          tids[(int) seen] = scan.tid();
          rows[(int) seen] = scan.tuple();
        } else {
          long j = random.nextLong(seen + 1);
          if (j < size) {
            tids[(int) j] = scan.tid();
            rows[(int) j] = scan.tuple();
          }
        }
        seen++;
      }
    }
    int n = (int) Math.min(seen, size);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Long.compare(tids[a], tids[b]));
    List<byte[]> out = new ArrayList<>(n);
    for (int i : order) out.add(rows[i]);
    return new RowSample(out, seen);
  }
}
