package org.minidb.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.types.DataType;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.engine.PagedStorageEngine;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.VisibilityMap;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/**
 * The visibility map and index-only scans: VACUUM marks pages all-visible, every change clears its page's bit
 * first, truncation clears the bits of removed pages, the map survives a restart, and an index-only scan returns
 * exactly what the snapshot sees, visiting the heap only for pages not all-visible.
 */
class IndexOnlyScanTest {
  @TempDir Path dir;

  private static final List<DataType> TYPES = List.of(DataType.INT4, DataType.TEXT);

  private PagedStorageEngine open() {
    return PagedStorageEngine.open(new StorageConfig(dir.resolve("data"), 1024L * 8192, null, false, 0,
        StorageConfig.DEFAULT_MAX_WAL_SIZE_BYTES));
  }

  private static byte[] row(int id) { return RowCodec.encode(TYPES, new Object[] {id, "row " + id + " ".repeat(40)}); }

  /** The ids an index-only scan of the whole primary key returns, and its heap fetches. */
  private static List<Object> scan(PagedStorageEngine e, TableDef t, Snapshot s, long[] fetches) {
    List<Object> ids = new ArrayList<>();
    IndexDef pkey = t.indexes().getFirst();
    try (IndexOnlyScan scan = e.indexOnlyScan(t, pkey, null, true, null, true, s)) {
      while (scan.next()) ids.add(scan.values()[0]);
      fetches[0] = scan.heapFetches();
    }
    return ids;
  }

  private static VisibilityMap map(PagedStorageEngine e, TableDef t) {
    return e.visibilityMap(t);
  }

  @Test
  void vacuumSetsChangesClearAndScansSkipTheHeap() {
    TableDef t;
    long pages;
    try (PagedStorageEngine e = open()) {
      var tm = e.transactions();
      Transaction tx = tm.begin();
      t = IndexedHeapTest.createTable(e, tx);
      HeapRelation heap = e.heap(t);
      List<Long> tids = new ArrayList<>();
      for (int i = 0; i < 2000; i++) tids.add(heap.insert(tx, row(i)));
      tm.commit(tx);
      pages = heap.pageCount();
      assertTrue(pages > 10);
      long[] fetches = new long[1];

      Transaction r = tm.begin();
      assertEquals(2000, scan(e, t, r.snapshot(), fetches).size());
      assertEquals(2000, fetches[0], "nothing is all-visible before VACUUM");
      tm.commit(r);

      vacuum(e, t);
      assertEquals(pages, map(e, t).countAllVisible());
      Transaction old = tm.begin();
      List<Object> before = scan(e, t, old.snapshot(), fetches);
      assertEquals(2000, before.size());
      assertEquals(0, fetches[0]);

      // An update and an uncommitted insert: their pages lose their bits; the old snapshot still sees 2000 rows.
      Transaction u = tm.begin();
      heap.update(u, tids.get(5), row(5));
      tm.commit(u);
      Transaction w = tm.begin();
      heap.insert(w, row(5000));
      assertTrue(map(e, t).countAllVisible() < pages);
      assertEquals(before, scan(e, t, old.snapshot(), fetches));
      assertTrue(fetches[0] > 0 && fetches[0] < 2000, "heap fetches " + fetches[0]);
      tm.commit(old);
      Transaction later = tm.begin();
      assertEquals(2000, scan(e, t, later.snapshot(), fetches).size(), "the uncommitted row is not seen");
      tm.commit(later);
      tm.abort(w);

      // Everything deleted (but row 5, whose old version was updated away) and vacuumed: the empty pages go, and so
      // do their bits; a page added later starts with its bit clear.
      Transaction d = tm.begin();
      for (int i = 0; i < 2000; i++) heap.delete(d, tids.get(i));
      tm.commit(d);
      vacuum(e, t);
      vacuum(e, t);
      Transaction again = tm.begin();
      heap.insert(again, row(7));
      tm.commit(again);
      Transaction check = tm.begin();
      assertEquals(List.of(5, 7), scan(e, t, check.snapshot(), fetches));
      tm.commit(check);
      vacuum(e, t);
    }
    try (PagedStorageEngine e = open()) { // the map is a WAL-logged fork: it survives a restart
      TableDef reopened = e.catalog().tables(e.transactions().begin()).stream()
          .filter(x -> x.name().equals("t")).findFirst().orElseThrow();
      assertEquals(e.heap(reopened).pageCount(), map(e, reopened).countAllVisible());
    }
  }

  private static void vacuum(PagedStorageEngine e, TableDef t) {
    Transaction v = e.transactions().begin();
    e.heap(t).vacuum(v);
    e.transactions().commit(v);
  }
}
