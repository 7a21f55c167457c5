package org.minidb.storage.heap;

import static org.junit.jupiter.api.Assertions.*;
import static org.minidb.storage.heap.HeapRows.row;
import static org.minidb.storage.heap.HeapRows.rows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/** VACUUM and on-access pruning: dead versions go, versions some snapshot may need stay, space is reused. */
class VacuumTest {
  @TempDir Path dir;

  @Test
  void vacuumRemovesOnlyWhatNoSnapshotNeeds() {
    try (HeapFixture f = new HeapFixture(dir, 32)) {
      PagedHeap heap = f.createHeap(16384);
      Transaction w = f.tm.begin();
      List<Long> tids = new ArrayList<>();
      for (int i = 0; i < 200; i++) tids.add(heap.insert(w, row("row " + i + " ".repeat(40))));
      f.tm.commit(w);
      long pages = heap.pageCount();

      Transaction reader = f.tm.begin();
      reader.nextCommand();
      Snapshot before = reader.snapshot(); // registers the reader's snapshot xmin until it ends
      assertEquals(200, rows(heap, before).size());

      Transaction d = f.tm.begin();
      d.nextCommand();
      for (int i = 0; i < 150; i++) assertTrue(heap.delete(d, tids.get(i)).ok());
      f.tm.commit(d);

      VacuumStats held = vacuum(f, heap);
      assertEquals(new VacuumStats(pages, pages, 0, 50, 150), held, "the reader may still see the deleted rows");
      assertEquals(200, rows(heap, before).size(), "a statement still running on the old snapshot");
      f.tm.commit(reader);

      VacuumStats done = vacuum(f, heap);
      assertEquals(new VacuumStats(pages, pages, 150, 50, 0), done, "the live rows are at the end: no truncation");
      Transaction again = f.tm.begin();
      again.nextCommand();
      assertEquals(50, rows(heap, again.snapshot()).size());
      for (int i = 0; i < 150; i++) heap.insert(again, row("new " + i + " ".repeat(40)));
      f.tm.commit(again);
      assertEquals(pages, heap.pageCount(), "the freed space was reused");
      Transaction check = f.tm.begin();
      check.nextCommand();
      assertEquals(200, rows(heap, check.snapshot()).size());
      f.tm.commit(check);
    }
  }

  /** VACUUM as the server runs it: in a transaction of its own holding SHARE UPDATE EXCLUSIVE. */
  private static VacuumStats vacuum(HeapFixture f, PagedHeap heap) {
    Transaction tx = f.tm.begin();
    tx.lockRelation(heap.relOid(), LockMode.SHARE_UPDATE_EXCLUSIVE);
    try {
      return heap.vacuum(tx);
    } finally {
      f.tm.commit(tx);
    }
  }

  @Test
  void vacuumTruncatesEmptyPagesAtTheEnd() {
    try (HeapFixture f = new HeapFixture(dir, 32)) {
      PagedHeap heap = f.createHeap(16386);
      Transaction w = f.tm.begin();
      List<Long> tids = new ArrayList<>();
      for (int i = 0; i < 300; i++) tids.add(heap.insert(w, row("row " + i + " ".repeat(60))));
      f.tm.commit(w);
      long pages = heap.pageCount();
      assertTrue(pages >= 3);
      Transaction d = f.tm.begin();
      d.nextCommand();
      for (int i = 20; i < 300; i++) assertTrue(heap.delete(d, tids.get(i)).ok());
      f.tm.commit(d);
      VacuumStats s = vacuum(f, heap);
      assertEquals(1, s.remainingPages(), "the first 20 rows fit on the first page");
      assertEquals(1, heap.pageCount());
      Transaction r = f.tm.begin();
      r.nextCommand();
      assertEquals(20, rows(heap, r.snapshot()).size());
      heap.insert(r, row("after truncation"));
      f.tm.commit(r);
    }
  }

  @Test
  void updatesPruneFullPagesSoTheHeapStaysSmall() {
    try (HeapFixture f = new HeapFixture(dir, 32)) {
      PagedHeap heap = f.createHeap(16385);
      Transaction w = f.tm.begin();
      long[] tids = new long[20];
      for (int i = 0; i < tids.length; i++) tids[i] = heap.insert(w, row("r" + i + ":0"));
      f.tm.commit(w);
      for (int round = 1; round <= 2000; round++) {
        Transaction u = f.tm.begin();
        u.nextCommand();
        for (int i = 0; i < tids.length; i++) {
          TupleChange c = heap.update(u, tids[i], row("r" + i + ":" + round));
          assertTrue(c.ok());
          tids[i] = c.tid();
        }
        f.tm.commit(u);
      }
      assertTrue(heap.pageCount() <= 2, "40,000 updates of 20 rows fit in " + heap.pageCount() + " pages");
      Transaction r = f.tm.begin();
      r.nextCommand();
      List<String> seen = rows(heap, r.snapshot());
      assertEquals(20, seen.size());
      assertTrue(seen.stream().allMatch(s -> s.endsWith(":2000")), seen.toString());
      f.tm.commit(r);
    }
  }
}
