package org.minidb.storage.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.storage.btree.BTreeBuild;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.IndexBuildScan;
import org.minidb.storage.heap.PagedHeap;
import org.minidb.storage.tx.Transaction;

/**
 * CREATE INDEX on a table that has rows (PostgreSQL's btbuild): scan the heap, encode each row's key, sort the
 * entries by (key, tid), check a unique index for equal keys without NULLs, load the tree bottom-up.
 *
 * <p>The table is locked SHARE, so no one changes it meanwhile. Every version not yet dead to all transactions is
 * indexed ({@link IndexBuildScan}), also those deleted by committed transactions that an older snapshot still sees:
 * such a transaction sees the new index in the catalog and must find them through it. Only versions the builder
 * sees take part in the unique check. (PostgreSQL needs indcheckxmin only for broken HOT chains; MiniDB has no HOT.)
 *
 * <p>A primary key's index is built only by ALTER TABLE ... ADD PRIMARY KEY: its columns are becoming NOT NULL, so
 * after the unique check a row the builder sees with a NULL key column fails with 23502, as PostgreSQL's phase 3
 * of ALTER TABLE does (the first such row in heap order, its first such column).
 */
public final class IndexBuild {
  private IndexBuild() {}

  /** @param row the row, kept for the unique check's message when the builder's snapshot sees it, else null */
  private record Entry(byte[] key, byte[] uniqueKey, long tid, Object[] row) {
    /** The part of the entry uniqueness compares: the key columns without the INCLUDE ones. */
    byte[] unique() { return uniqueKey != null ? uniqueKey : key; }
  }

  private static final Comparator<Entry> ORDER = (a, b) -> {
    int c = Arrays.compareUnsigned(a.key, b.key);
    return c != 0 ? c : Long.compareUnsigned(a.tid, b.tid);
  };

  public static void build(Transaction tx, TableDef table, IndexDef index, PagedHeap heap, BTreeBuild target,
      org.minidb.storage.toast.Detoaster detoaster) {
    build(tx, table, index, heap, target, detoaster, IndexExpressions.NONE);
  }

  /** A partial index gets entries only for the versions its predicate accepts; an expression index computed keys. */
  public static void build(Transaction tx, TableDef table, IndexDef index, PagedHeap heap, BTreeBuild target,
      org.minidb.storage.toast.Detoaster detoaster, IndexExpressions.Compiler expressions) {
    IndexKeys keys = new IndexKeys(table, index, index.needsExpressions() ? expressions.compile(table, index) : null);
    List<DataType> types = table.columns().stream().map(ColumnDef::type).toList();
    List<Entry> entries = new ArrayList<>();
    Object[] firstNull = null;
    try (IndexBuildScan scan = heap.scanForIndexBuild(tx.snapshot())) {
      while (scan.next()) {
        Object[] row = keys.detoastKey(RowCodec.decode(types, scan.tuple()), detoaster);
        if (!keys.indexes(row)) continue;
        entries.add(new Entry(keys.encode(row), keys.keyCount() < keys.codec().columnCount() ? keys.encodeKey(row)
            : null, scan.tid(), index.unique() && scan.visible() ? row : null));
        if (index.primary() && firstNull == null && scan.visible() && keys.hasNull(row)) firstNull = row;
      }
    }
    entries.sort(ORDER);
    Entry previousCompared = null; // the last entry of a version the builder sees
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.row != null && previousCompared != null && Arrays.equals(previousCompared.unique(), e.unique())
          && !keys.hasNull(e.row)) {
        throw DbException.of(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + index.name() + "\"")
            .withDetail(keys.describe(e.row) + " is duplicated.");
      }
      if (e.row != null) previousCompared = e;
      target.add(e.key, e.tid);
    }
    if (firstNull != null) {
      for (ColumnDef c : table.columns()) {
        boolean key = index.keys().stream().anyMatch(k -> k.attnum() == c.attnum());
        if (key && firstNull[c.attnum() - 1] == null) {
          throw DbException.of(SqlState.NOT_NULL_VIOLATION,
              "column \"" + c.name() + "\" of relation \"" + table.name() + "\" contains null values");
        }
      }
    }
    target.finish();
  }
}
