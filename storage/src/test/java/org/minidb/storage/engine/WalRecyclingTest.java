package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.ControlFile;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.wal.Lsn;
import org.minidb.storage.wal.WalSegments;

/**
 * WAL segment recycling: a workload writing more than three segments with checkpoints keeps pg_wal within
 * max_wal_size (plus the segment being written), reuses recycled files instead of creating new ones, and a
 * crash after recycling (with WAL written into a recycled file) still recovers every commit.
 */
class WalRecyclingTest {
  @TempDir Path dir;

  @Test
  void pgWalStaysBoundedAndRecoveryAfterRecyclingKeepsEveryCommit() throws Exception {
    Path data = dir.resolve("data");
    String out = ChildJvm.run(WalRecyclingCrashChild.class, data);
    long bound = WalRecyclingCrashChild.MAX_WAL / Lsn.SEGMENT_SIZE + 1;
    long mostFiles = ChildJvm.value(out, "MOST_FILES");
    assertTrue(mostFiles <= bound, "pg_wal held " + mostFiles + " segments; bound " + bound);
    assertTrue(out.contains("RECYCLED_SEEN true"), out);
    // Fewer segment files were created than the WAL spans: the others were recycled files, reused.
    assertTrue(ChildJvm.value(out, "ADDED") < ChildJvm.value(out, "SPANNED"), out);
    long rows = ChildJvm.value(out, "ROWS");

    try (var e = PagedStorageEngine.open(WalRecyclingCrashChild.config(data))) {
      Transaction r = e.transactions().begin();
      TableDef t = e.catalog().table(r, "public", "t").orElseThrow();
      long n = 0, sum = 0;
      try (HeapScan s = e.heap(t).scan(r.snapshot())) {
        while (s.next()) {
          n++;
          sum += (Integer) org.minidb.common.encoding.RowCodec.decode(PagedStorageEngineTest.TYPES, s.tuple())[0];
        }
      }
      e.transactions().commit(r);
      assertEquals(rows, n, "every committed row is back");
      assertEquals(rows * (rows + 1) / 2, sum);
    }
    assertTrue(WalRecyclingCrashChild.segmentFiles(data) <= bound);

    // A clean restart keeps the recycled files beyond the end of the WAL (after a crash they are removed).
    long endSegno = Lsn.segment(ControlFile.read(data).checkpointLsn());
    List<Long> future = futureSegments(data, endSegno);
    assertFalse(future.isEmpty(), "the shutdown checkpoint recycled segments");
    try (var e = PagedStorageEngine.open(WalRecyclingCrashChild.config(data))) {
      assertTrue(futureSegments(data, endSegno).containsAll(future), "kept: " + future);
    }
  }

  private static List<Long> futureSegments(Path data, long after) {
    try (WalSegments segs = new WalSegments(data, false)) {
      return segs.list().stream().filter(s -> s > after).toList();
    }
  }
}
