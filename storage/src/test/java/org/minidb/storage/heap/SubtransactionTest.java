package org.minidb.storage.heap;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/** Savepoints over the heap: what a rolled-back subtransaction wrote disappears, a released one's stays. */
class SubtransactionTest {
  @TempDir Path dir;

  private static byte[] row(String s) { return HeapRows.row(s); }

  private static List<String> rows(HeapRelation heap, Snapshot s) {
    List<String> out = new ArrayList<>(HeapRows.rows(heap, s));
    out.sort(null);
    return out;
  }

  @Test
  void rollbackToSavepointUndoesOnlyItsPart() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = f.createHeap(16384);
      Transaction t = f.tm.begin();
      t.nextCommand();
      long a = heap.insert(t, row("a"));
      t.nextCommand();
      t.beginSubtransaction();
      long subXid = t.xid();
      assertTrue(subXid > 0 && t.isOwnXid(subXid));
      heap.insert(t, row("b"));
      assertTrue(heap.update(t, a, row("a2")).ok());
      t.nextCommand();
      assertEquals(List.of("a2", "b"), rows(heap, t.snapshot()), "the subtransaction's writes are the own ones");
      t.rollbackSubtransaction();
      assertFalse(t.isOwnXid(subXid));
      t.nextCommand();
      assertEquals(List.of("a"), rows(heap, t.snapshot()), "back to the savepoint");
      // The version the rolled-back subtransaction deleted can be changed again.
      t.beginSubtransaction();
      heap.insert(t, row("c"));
      t.releaseSubtransaction();
      assertTrue(heap.update(t, a, row("a3")).ok());
      t.nextCommand();
      assertEquals(List.of("a3", "c"), rows(heap, t.snapshot()));
      Transaction other = f.tm.begin();
      other.nextCommand();
      assertEquals(List.of(), rows(heap, other.snapshot()), "nothing visible before the commit");
      f.tm.commit(t);
      other.nextCommand();
      assertEquals(List.of("a3", "c"), rows(heap, other.snapshot()), "the released subtransaction commits too");
      f.tm.commit(other);
    }
  }

  @Test
  void aWaiterGoesOnWhenTheSubtransactionHoldingItsRowRollsBack() throws Exception {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = f.createHeap(16385);
      Transaction w = f.tm.begin();
      long tid = heap.insert(w, row("x"));
      f.tm.commit(w);
      Transaction t = f.tm.begin();
      t.nextCommand();
      t.beginSubtransaction();
      assertTrue(heap.delete(t, tid).ok());
      Transaction u = f.tm.begin();
      u.nextCommand();
      CompletableFuture<TupleChange> waiter = CompletableFuture.supplyAsync(() -> heap.update(u, tid, row("y")));
      assertThrows(java.util.concurrent.TimeoutException.class, () -> waiter.get(200, TimeUnit.MILLISECONDS));
      t.rollbackSubtransaction();
      assertTrue(waiter.get(10, TimeUnit.SECONDS).ok(), "the row is free once the savepoint is rolled back");
      f.tm.commit(u);
      f.tm.commit(t);
      Transaction r = f.tm.begin();
      r.nextCommand();
      assertEquals(List.of("y"), rows(heap, r.snapshot()));
      f.tm.commit(r);
    }
  }
}
