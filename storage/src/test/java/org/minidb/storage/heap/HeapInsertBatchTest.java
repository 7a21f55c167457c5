package org.minidb.storage.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.tx.Transaction;

/** insertBatch (COPY's heap_multi_insert): the same rows and visibility as one insert each, pages filled. */
class HeapInsertBatchTest {
  @TempDir Path dir;

  @Test
  void fillsPagesInOrderAndBehavesAsSingleInserts() {
    try (HeapFixture f = new HeapFixture(dir, 16)) {
      PagedHeap heap = f.createHeap(16384);
      Transaction t = f.tm.begin();
      t.nextCommand();
      heap.insert(t, HeapRows.row("first"));
      List<byte[]> tuples = new ArrayList<>();
      List<String> expected = new ArrayList<>(List.of("first"));
      for (int i = 0; i < 1000; i++) {
        tuples.add(HeapRows.row("row " + i));
        expected.add("row " + i);
      }
      long[] tids = heap.insertBatch(t, tuples);
      assertEquals(List.of(), HeapRows.rows(heap, t.snapshot()), "not visible to the command that wrote them");
      t.nextCommand();
      assertEquals(expected, HeapRows.rows(heap, t.snapshot()));
      List<Long> scanned = new ArrayList<>();
      try (HeapScan scan = heap.scan(t.snapshot())) {
        while (scan.next()) scanned.add(scan.tid());
      }
      for (int i = 0; i < tids.length; i++) assertEquals(scanned.get(i + 1), tids[i], "tid of row " + i);
      assertEquals(ItemPointer.block(scanned.get(0)), ItemPointer.block(tids[0]), "the batch fills the open page first");
      long pages = heap.pageCount();
      assertTrue(pages > 1 && pages <= 1 + ItemPointer.block(tids[tids.length - 1]), "pages: " + pages);
      f.tm.abort(t);
      Transaction r = f.tm.begin();
      assertEquals(List.of(), HeapRows.rows(heap, r.snapshot()), "an aborted batch leaves nothing visible");
      f.tm.commit(r);
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }
}
