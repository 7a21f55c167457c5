package org.minidb.storage.heap;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

class HeapMvccTest {
  @TempDir Path dir;

  private static byte[] row(String s) { return HeapRows.row(s); }

  private static List<String> rows(HeapRelation heap, Snapshot s) { return HeapRows.rows(heap, s); }

  private static List<Long> tids(HeapRelation heap, Snapshot s) {
    List<Long> out = new ArrayList<>();
    try (HeapScan scan = heap.scan(s)) {
      while (scan.next()) out.add(scan.tid());
    }
    return out;
  }

  @Test
  void ownChangesFollowCommandIds() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = f.createHeap(16384);
      Transaction t = f.tm.begin();
      t.nextCommand(); // command 1
      long tid = heap.insert(t, row("a"));
      assertEquals(List.of(), rows(heap, t.snapshot()), "not visible to the command that wrote it");
      t.nextCommand(); // command 2
      assertEquals(List.of("a"), rows(heap, t.snapshot()));
      assertTrue(heap.delete(t, tid).ok());
      assertEquals(TupleChange.Status.SELF_MODIFIED, heap.delete(t, tid).status(), "already deleted by this command");
      assertEquals(List.of("a"), rows(heap, t.snapshot()), "the deleting command still sees it");
      t.nextCommand(); // command 3
      assertEquals(List.of(), rows(heap, t.snapshot()));
      long t2 = heap.insert(t, row("b"));
      t.nextCommand();
      long t3 = heap.update(t, t2, row("b2")).tid();
      assertEquals(ItemPointer.block(t2), ItemPointer.block(t3), "new version on the same page");
      assertEquals(List.of("b"), rows(heap, t.snapshot()), "an update does not see its own new version");
      assertEquals(TupleChange.Status.SELF_MODIFIED, heap.update(t, t2, row("b3")).status(),
          "already updated by this command");
      t.nextCommand();
      assertEquals(List.of("b2"), rows(heap, t.snapshot()));
      f.tm.commit(t);
      Transaction r = f.tm.begin();
      assertEquals(List.of("b2"), rows(heap, r.snapshot()));
      f.tm.commit(r);
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }

  @Test
  void uncommittedInvisibleToOthersAbortedInvisibleToAll() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = f.createHeap(16384);
      Transaction w = f.tm.begin();
      w.nextCommand();
      heap.insert(w, row("committed"));
      f.tm.commit(w);

      Transaction a = f.tm.begin();
      a.nextCommand();
      heap.insert(a, row("from a"));
      Transaction r = f.tm.begin();
      r.nextCommand();
      Snapshot before = r.snapshot();
      assertEquals(List.of("committed"), rows(heap, before));
      a.nextCommand();
      assertEquals(List.of("committed", "from a"), rows(heap, a.snapshot()));
      f.tm.commit(a);
      assertEquals(List.of("committed"), rows(heap, before), "a committed after the snapshot");
      r.nextCommand();
      assertEquals(List.of("committed", "from a"), rows(heap, r.snapshot()), "READ COMMITTED: next statement sees it");

      Transaction b = f.tm.begin();
      b.nextCommand();
      long tid = tids(heap, b.snapshot()).get(0);
      heap.delete(b, tid);
      heap.insert(b, row("from b"));
      f.tm.abort(b);
      r.nextCommand();
      assertEquals(List.of("committed", "from a"), rows(heap, r.snapshot()), "aborted changes are invisible");
      // A new deleter may overwrite the aborted xmax.
      Transaction c = f.tm.begin();
      c.nextCommand();
      assertTrue(heap.delete(c, tid).ok());
      f.tm.commit(c);
      r.nextCommand();
      assertEquals(List.of("from a"), rows(heap, r.snapshot()));
      f.tm.commit(r);
    }
  }

  @Test
  void insertSelectFromItselfReadsTheOldRowsOnly() {
    try (HeapFixture f = new HeapFixture(dir, 8)) {
      PagedHeap heap = f.createHeap(16384);
      Transaction t = f.tm.begin();
      t.nextCommand();
      for (int i = 0; i < 500; i++) heap.insert(t, row("row " + i + " ".repeat(100)));
      t.nextCommand();
      // INSERT INTO t SELECT * FROM t, twice.
      for (int round = 0; round < 2; round++) {
        int copied = 0;
        try (HeapScan scan = heap.scan(t.snapshot())) {
          while (scan.next()) {
            heap.insert(t, scan.tuple());
            copied++;
          }
        }
        assertEquals(500 << round, copied);
        t.nextCommand();
      }
      assertEquals(2000, rows(heap, t.snapshot()).size());
      f.tm.commit(t);
      assertTrue(heap.pageCount() > 8 * 3, "the table is larger than the pool: " + heap.pageCount());
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }

  @Test
  void concurrentDeleteIsASerializationFailure() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = f.createHeap(16384);
      Transaction w = f.tm.begin();
      long tid = heap.insert(w, row("x"));
      f.tm.commit(w);
      Transaction a = f.tm.begin();
      a.nextCommand();
      Snapshot old = a.snapshot(); // taken before b deletes
      Transaction b = f.tm.begin();
      assertTrue(heap.delete(b, tid).ok());
      f.tm.commit(b);
      assertEquals(List.of("x"), rows(heap, old));
      // The executor decides what a concurrent delete means for the isolation level.
      assertEquals(TupleChange.Status.DELETED, heap.delete(a, tid).status());
      f.tm.abort(a);
    }
  }

  @Test
  void tooBigRowsAndUpdatesAcrossPages() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = f.createHeap(16384);
      Transaction t = f.tm.begin();
      DbException e = assertThrows(DbException.class, () -> heap.insert(t, new byte[PagedHeap.MAX_TUPLE_DATA + 1]));
      assertEquals("54000", e.sqlState());
      assertTrue(e.getMessage().startsWith("row is too big: size "), e.getMessage());
      long big = heap.insert(t, new byte[PagedHeap.MAX_TUPLE_DATA]);
      t.nextCommand();
      long moved = heap.update(t, big, new byte[PagedHeap.MAX_TUPLE_DATA - 8]).tid();
      assertNotEquals(ItemPointer.block(big), ItemPointer.block(moved), "no room on the old page");
      t.nextCommand();
      assertEquals(List.of(moved), tids(heap, t.snapshot()));
      f.tm.commit(t);
    }
  }
}
