package org.minidb.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.btree.BTreeChecker;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.IndexSpec;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.engine.PagedStorageEngine;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.tx.Transaction;

/**
 * Entries of partial, expression and INCLUDE indexes made by storage with a hand-written {@link IndexExpressions}
 * (the SQL layer's stand-in): a partial index holds only the rows its predicate accepts, a unique one conflicts only
 * among them, INCLUDE values take no part in uniqueness, and bt_index_check agrees with the heap; VACUUM, which
 * works by tid, needs no expressions.
 */
class PartialIndexKeysTest {
  @TempDir Path dir;

  private static final List<DataType> TYPES = List.of(DataType.INT4, DataType.TEXT, DataType.BOOL);

  private static byte[] row(int id, String s, boolean active) {
    return RowCodec.encode(TYPES, new Object[] {id, s, active});
  }

  /** "active" as the predicate, lower(s) as the expression key: what the planner would compile. */
  private static final IndexExpressions.Compiler COMPILER = (table, index) -> new IndexExpressions() {
    @Override
    public Object[] keys(Object[] row) {
      Object[] values = new Object[index.expressions().size()];
      for (int i = 0; i < values.length; i++) values[i] = row[1] == null ? null : ((String) row[1]).toLowerCase();
      return values;
    }

    @Override
    public boolean predicate(Object[] row) { return index.predicate() == null || Boolean.TRUE.equals(row[2]); }
  };

  @Test
  void partialUniqueExpressionAndIncludeEntries() {
    try (PagedStorageEngine e = PagedStorageEngine.open(new StorageConfig(dir.resolve("data"), 1024L * 8192, null,
        false, 0, StorageConfig.DEFAULT_MAX_WAL_SIZE_BYTES))) {
      e.setIndexExpressions(COMPILER);
      var tm = e.transactions();
      Transaction tx = tm.begin();
      TableDef t = e.catalog().createTable(tx, "public", "p", List.of(new ColumnDef("id", 0, DataType.INT4, false,
          null), new ColumnDef("s", 0, DataType.TEXT, false, null), new ColumnDef("active", 0, DataType.BOOL, false,
          null)), List.of(), List.of());
      HeapRelation heap = e.heap(t);
      for (int i = 0; i < 300; i++) heap.insert(tx, row(i, "Name" + (i % 100), i < 100));
      t = e.catalog().createIndex(tx, t, new IndexSpec("p_lower_active", List.of(new IndexSpec.Column("lower",
          false, false, "lower(s)", DataType.TEXT)), true, (char) 0, List.of("id"), "active"));
      tm.commit(tx);
      IndexDef index = t.indexes().getFirst();
      assertEquals(List.of(1), index.include());
      assertEquals(100, BTreeChecker.check(e.index(index.relfilenode(), index.name())).entries());

      HeapRelation indexed = e.heap(t);
      Transaction u = tm.begin();
      indexed.insert(u, row(1000, "NAME5", false)); // outside the predicate: no entry, no conflict
      DbException dup = assertThrows(DbException.class, () -> indexed.insert(u, row(1001, "NAME5", true)));
      assertEquals(SqlState.UNIQUE_VIOLATION, dup.sqlState());
      assertEquals("Key (lower(s))=(name5) already exists.", dup.detail());
      tm.abort(u);
      Transaction w = tm.begin();
      indexed.insert(w, row(2000, "fresh", true)); // a new key with another INCLUDE value
      tm.commit(w);
      assertEquals(101, e.checkIndex(t, index, true, tm.begin().snapshot()).heapTuplesMatched());
    }
  }
}
