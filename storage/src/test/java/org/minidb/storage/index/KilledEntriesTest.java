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
import org.minidb.storage.btree.BTree;
import org.minidb.storage.btree.BTreeChecker;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.engine.PagedStorageEngine;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/**
 * kill_prior_tuple: index entries whose versions are dead to every transaction are flagged LP_DEAD by the scans and
 * unique checks that meet them, skipped afterwards, removed from a leaf that would split, and still removed by
 * VACUUM. Entries of versions some snapshot may still see are left alone.
 */
class KilledEntriesTest {
  @TempDir Path dir;

  private static final List<DataType> TYPES = List.of(DataType.INT4, DataType.TEXT);

  private static byte[] row(int id, String s) { return RowCodec.encode(TYPES, new Object[] {id, s}); }

  private PagedStorageEngine open() {
    return PagedStorageEngine.open(new StorageConfig(dir.resolve("data"), 1024L * 8192, null, false, 0,
        StorageConfig.DEFAULT_MAX_WAL_SIZE_BYTES));
  }

  private static List<String> lookup(PagedStorageEngine e, TableDef t, int id, Snapshot s) {
    IndexDef pkey = t.indexes().getFirst();
    byte[] key = new IndexKeys(t, pkey).codec().encode(new Object[] {id});
    List<String> found = new ArrayList<>();
    try (HeapScan scan = e.indexScan(t, pkey, key, true, key, true, s)) {
      while (scan.next()) found.add((String) RowCodec.decode(TYPES, scan.tuple())[1]);
    }
    return found;
  }

  private static long indexOnlyFetches(PagedStorageEngine e, TableDef t, Snapshot s) {
    IndexDef pkey = t.indexes().getFirst();
    try (IndexOnlyScan scan = e.indexOnlyScan(t, pkey, null, true, null, true, s)) {
      int n = 0;
      while (scan.next()) n++;
      assertEquals(1, n);
      return scan.heapFetches();
    }
  }

  private static BTreeChecker.Result check(PagedStorageEngine e, TableDef t) {
    IndexDef pkey = t.indexes().getFirst();
    return BTreeChecker.check(e.index(pkey.relfilenode(), pkey.name()));
  }

  @Test
  void scansKillEntriesOnlyOnceNoSnapshotCanSeeTheirVersions() {
    try (PagedStorageEngine e = open()) {
      var tm = e.transactions();
      Transaction tx = tm.begin();
      TableDef t = IndexedHeapTest.createTable(e, tx);
      HeapRelation heap = e.heap(t);
      long tid = heap.insert(tx, row(1, "v0"));
      tm.commit(tx);

      Transaction old = tm.begin();
      Snapshot oldSnapshot = old.snapshot(); // holds the xmin horizon back
      for (int i = 1; i <= 100; i++) {
        Transaction u = tm.begin();
        tid = heap.update(u, tid, row(1, "v" + i)).tid();
        tm.commit(u);
      }
      Transaction r1 = tm.begin();
      assertEquals(List.of("v100"), lookup(e, t, 1, r1.snapshot()));
      tm.commit(r1);
      assertEquals(List.of("v0"), lookup(e, t, 1, oldSnapshot));
      assertEquals(101, check(e, t).entries());
      assertEquals(0, check(e, t).deadEntries(), "versions the old snapshot may see are not killed");

      tm.commit(old);
      Transaction r2 = tm.begin();
      assertEquals(101, indexOnlyFetches(e, t, r2.snapshot()));
      assertEquals(List.of("v100"), lookup(e, t, 1, r2.snapshot()));
      tm.commit(r2);
      BTreeChecker.Result after = check(e, t);
      assertEquals(101, after.entries());
      assertEquals(100, after.deadEntries());

      Transaction r3 = tm.begin();
      assertEquals(List.of("v100"), lookup(e, t, 1, r3.snapshot()));
      assertEquals(1, indexOnlyFetches(e, t, r3.snapshot()), "dead entries are skipped");
      assertEquals(1, e.checkIndex(t, t.indexes().getFirst(), true, r3.snapshot()).heapTuplesMatched());
      tm.commit(r3);

      Transaction v = tm.begin();
      heap.vacuum(v);
      tm.commit(v);
      assertEquals(1, check(e, t).entries(), "VACUUM removes killed entries too");
    }
  }

  @Test
  void uniqueChecksKillAndALeafRemovesDeadEntriesInsteadOfSplitting() {
    try (PagedStorageEngine e = open()) {
      var tm = e.transactions();
      Transaction tx = tm.begin();
      TableDef t = IndexedHeapTest.createTable(e, tx);
      HeapRelation heap = e.heap(t);
      long tid = heap.insert(tx, row(7, "v0"));
      tm.commit(tx);
      long killedBefore = BTree.killedEntries();
      for (int i = 1; i <= 3000; i++) { // about eight leaves' worth of entries without killing
        Transaction u = tm.begin();
        tid = heap.update(u, tid, row(7, "v" + i)).tid();
        tm.commit(u);
      }
      assertTrue(BTree.killedEntries() - killedBefore >= 2900, "unique checks kill the dead versions' entries");
      BTreeChecker.Result r = check(e, t);
      assertEquals(List.of(1), r.pagesPerLevel(), "the leaf never split: " + r);
      assertEquals(2, r.liveEntries(), "the last update's check saw its own old version, not yet dead to all");
      Transaction read = tm.begin();
      assertEquals(List.of("v3000"), lookup(e, t, 7, read.snapshot()));
      assertEquals(1, check(e, t).liveEntries(), "the lookup killed it");
      assertEquals(1, e.checkIndex(t, t.indexes().getFirst(), true, read.snapshot()).heapTuplesMatched());
      tm.commit(read);
    }
  }
}
