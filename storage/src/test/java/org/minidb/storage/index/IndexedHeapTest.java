package org.minidb.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.btree.BTree;
import org.minidb.storage.btree.BTreeChecker;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.IndexSpec;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.engine.PagedStorageEngine;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.ItemPointer;
import org.minidb.storage.heap.VacuumStats;
import org.minidb.storage.tx.Transaction;

/**
 * Index maintenance under the heap: every new version gets its entries, VACUUM removes the entries of dead
 * versions before their line pointers are reused, and the B-tree checker agrees with the heap afterwards.
 */
class IndexedHeapTest {
  @TempDir Path dir;

  private static final List<DataType> TYPES = List.of(DataType.INT4, DataType.TEXT);

  private static byte[] row(int id, String s) { return RowCodec.encode(TYPES, new Object[] {id, s}); }

  private PagedStorageEngine open() {
    return PagedStorageEngine.open(new StorageConfig(dir.resolve("data"), 1024L * 8192, null, false, 0,
        StorageConfig.DEFAULT_MAX_WAL_SIZE_BYTES));
  }

  /** Table t (id int4, s text) with primary key t_pkey on id. */
  static TableDef createTable(PagedStorageEngine e, Transaction tx) {
    return e.catalog().createTable(tx, "public", "t", List.of(new ColumnDef("id", 0, DataType.INT4, false, null),
        new ColumnDef("s", 0, DataType.TEXT, false, null)), List.of(),
        List.of(new IndexSpec("t_pkey", List.of(new IndexSpec.Column("id", false, false)), true, 'p')));
  }

  @Test
  void vacuumRemovesEntriesOfDeadVersions() {
    try (PagedStorageEngine e = open()) {
      var tm = e.transactions();
      Transaction tx = tm.begin();
      TableDef t = createTable(e, tx);
      HeapRelation heap = e.heap(t);
      List<Long> tids = new ArrayList<>();
      for (int i = 0; i < 2000; i++) tids.add(heap.insert(tx, row(i, "v" + i)));
      tm.commit(tx);

      // Update every row three times and delete half: 2000 + 6000 entries, 1000 live rows at the end.
      for (int round = 0; round < 3; round++) {
        Transaction u = tm.begin();
        for (int i = 0; i < tids.size(); i++) tids.set(i, heap.update(u, tids.get(i), row(i, "r" + round)).tid());
        tm.commit(u);
      }
      Transaction d = tm.begin();
      for (int i = 0; i < tids.size(); i += 2) heap.delete(d, tids.get(i));
      tm.commit(d);
      IndexDef pkey = t.indexes().getFirst();
      // The unique checks of rounds 2 and 3 killed the entries of the versions dead to all by then (the original
      // and round 1's, LP_DEAD, some already removed by leaves that would have split): rounds 2 and 3 remain live.
      assertEquals(4000, BTreeChecker.check(e.index(pkey.relfilenode(), pkey.name())).liveEntries());

      Transaction v = tm.begin();
      VacuumStats stats = heap.vacuum(v);
      tm.commit(v);
      assertEquals(1000, stats.remaining());
      assertEquals(1000, BTreeChecker.check(e.index(pkey.relfilenode(), pkey.name())).entries());

      // Freed line pointers are reused by new rows; the keys of deleted rows are free, the live ones are not.
      Transaction r = tm.begin();
      for (int i = 0; i < 2000; i += 2) heap.insert(r, row(i, "again"));
      DbException dup = assertThrows(DbException.class, () -> heap.insert(r, row(1, "dup")));
      assertEquals("duplicate key value violates unique constraint \"t_pkey\"", dup.getMessage());
      assertEquals("Key (id)=(1) already exists.", dup.detail());
      tm.abort(r);
      Transaction check = tm.begin();
      IndexKeys keys = new IndexKeys(t, pkey);
      int n = 0;
      for (int i = 0; i < 2000; i++) {
        byte[] key = keys.codec().encode(new Object[] {i});
        try (HeapScan s = e.indexScan(t, pkey, key, true, key, true, check.snapshot())) {
          while (s.next()) {
            assertEquals(i, RowCodec.decode(TYPES, s.tuple())[0]);
            n++;
          }
        }
      }
      tm.commit(check);
      assertEquals(1000, n);
    }
  }

  /** amcheck's heapallindexed (IndexCheck) finds a heap tuple whose entry is missing or carries another key. */
  @Test
  void aMissingOrWrongEntryIsIndexCorruption() {
    try (PagedStorageEngine e = open()) {
      var tm = e.transactions();
      Transaction tx = tm.begin();
      TableDef t = createTable(e, tx);
      HeapRelation heap = e.heap(t);
      List<Long> tids = new ArrayList<>();
      for (int i = 0; i < 1000; i++) tids.add(heap.insert(tx, row(i, "v" + i)));
      tm.commit(tx);
      IndexDef pkey = t.indexes().getFirst();
      BTree tree = e.index(pkey.relfilenode(), pkey.name());
      IndexKeys keys = new IndexKeys(t, pkey);

      Transaction check = tm.begin();
      assertEquals(1000, e.checkIndex(t, pkey, true, check.snapshot()).heapTuplesMatched());

      // Row 500's entry removed behind the heap's back.
      tree.delete(keys.encode(new Object[] {500, null}), tids.get(500));
      DbException missing = assertThrows(DbException.class, () -> e.checkIndex(t, pkey, true, check.snapshot()));
      assertEquals(SqlState.INDEX_CORRUPTED, missing.sqlState());
      assertEquals("heap tuple " + ItemPointer.toString(tids.get(500))
          + " from table \"t\" lacks matching index tuple within index \"t_pkey\"", missing.getMessage());
      // Put back under another key: the structure is fine, the key is not the row's.
      tree.insert(keys.encode(new Object[] {5000, null}), tids.get(500));
      assertEquals(1000, e.checkIndex(t, pkey, false, check.snapshot()).structure().entries());
      assertThrows(DbException.class, () -> e.checkIndex(t, pkey, true, check.snapshot()));
      tm.commit(check);
    }
  }
}
