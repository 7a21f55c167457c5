package org.minidb.storage.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.storage.tx.IsolationLevel;
import org.minidb.storage.tx.Transaction;

/** The heap's SSI hooks: SIREAD locks from scans, conflicts in from writes and out from versions met. */
class SerializableHeapTest {
  @TempDir Path dir;

  private static Transaction begin(HeapFixture f, IsolationLevel level) {
    Transaction t = f.tm.begin();
    t.setIsolationLevel(level);
    t.nextCommand();
    return t;
  }

  /** Scans as the executor does (for {@code tx}); returns the tids of the rows seen. */
  private static List<Long> scan(HeapRelation heap, Transaction tx) {
    List<Long> tids = new ArrayList<>();
    try (HeapScan scan = heap.scan(tx.snapshot(), tx)) {
      while (scan.next()) tids.add(scan.tid());
    }
    return tids;
  }

  private static PagedHeap heapWith(HeapFixture f, long relOid, String... rows) {
    PagedHeap heap = f.createHeap(relOid);
    Transaction t = f.tm.begin();
    t.nextCommand();
    for (String r : rows) heap.insert(t, r.getBytes(StandardCharsets.UTF_8));
    f.tm.commit(t);
    return heap;
  }

  @Test
  void writeSkewThroughScansAndUpdates() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = heapWith(f, 16384, "alice", "bob");
      Transaction a = begin(f, IsolationLevel.SERIALIZABLE), b = begin(f, IsolationLevel.SERIALIZABLE);
      List<Long> seenByA = scan(heap, a);
      List<Long> seenByB = scan(heap, b);
      heap.update(a, seenByA.get(0), "alice off".getBytes(StandardCharsets.UTF_8));
      heap.update(b, seenByB.get(1), "bob off".getBytes(StandardCharsets.UTF_8));
      f.tm.commit(a);
      DbException e = assertThrows(DbException.class, () -> f.tm.commit(b));
      assertEquals("40001", e.sqlState());
      assertEquals(0, f.tm.runningCount(), "the refused commit rolled back");
      assertEquals(0, f.tm.predicateLocks().trackedCount());
    }
  }

  /** Only MVCC conflicts (no SIREAD lock is ever in a writer's way): a version's xmax, an invisible xmin. */
  @Test
  void conflictsOutFromTheVersionsMet() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap r1 = heapWith(f, 16384, "x");
      PagedHeap r2 = heapWith(f, 16385);
      Transaction t1 = begin(f, IsolationLevel.SERIALIZABLE), t2 = begin(f, IsolationLevel.SERIALIZABLE);
      t1.snapshot();
      t2.snapshot();
      Transaction reader = f.tm.begin();
      long x = scan(r1, reader).get(0);
      f.tm.commit(reader);
      r1.update(t2, x, "x2".getBytes(StandardCharsets.UTF_8));
      assertEquals(1, scan(r1, t1).size(), "t1 sees x, deleted by t2: t1 → t2");
      r2.insert(t1, "y".getBytes(StandardCharsets.UTF_8));
      assertEquals(0, scan(r2, t2).size(), "t2 does not see t1's insert: t2 → t1");
      f.tm.commit(t2);
      DbException e = assertThrows(DbException.class, () -> f.tm.commit(t1));
      assertEquals("Reason code: Canceled on identification as a pivot, during commit attempt.", e.detail());
    }
  }

  @Test
  void repeatableReadRecordsNothing() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = heapWith(f, 16384, "alice", "bob");
      Transaction a = begin(f, IsolationLevel.REPEATABLE_READ), b = begin(f, IsolationLevel.REPEATABLE_READ);
      List<Long> seenByA = scan(heap, a);
      List<Long> seenByB = scan(heap, b);
      heap.update(a, seenByA.get(0), "alice off".getBytes(StandardCharsets.UTF_8));
      heap.update(b, seenByB.get(1), "bob off".getBytes(StandardCharsets.UTF_8));
      assertEquals(0, f.tm.predicateLocks().trackedCount());
      f.tm.commit(a);
      f.tm.commit(b); // write skew: snapshot isolation lets it through
    }
  }

}
