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
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.Transaction;

/**
 * CREATE INDEX on a table that has rows (PostgreSQL's btbuild): scan the heap, encode each row's key, sort the
 * entries by (key, tid), check a unique index for equal keys without NULLs, load the tree bottom-up.
 *
 * <p>The scan sees what the building transaction sees; the table is locked SHARE, so no one changes it meanwhile.
 * Versions deleted by committed transactions are not indexed: a REPEATABLE READ transaction older than the index
 * could miss them through it (PostgreSQL marks such an index indcheckxmin; MiniDB has no such check yet).
 */
public final class IndexBuild {
  private IndexBuild() {}

  private record Entry(byte[] key, long tid, Object[] row) {}

  private static final Comparator<Entry> ORDER = (a, b) -> {
    int c = Arrays.compareUnsigned(a.key, b.key);
    return c != 0 ? c : Long.compareUnsigned(a.tid, b.tid);
  };

  public static void build(Transaction tx, TableDef table, IndexDef index, HeapRelation heap, BTreeBuild target) {
    IndexKeys keys = new IndexKeys(table, index);
    List<DataType> types = table.columns().stream().map(ColumnDef::type).toList();
    List<Entry> entries = new ArrayList<>();
    try (HeapScan scan = heap.scan(tx.snapshot())) {
      while (scan.next()) {
        Object[] row = RowCodec.decode(types, scan.tuple());
        entries.add(new Entry(keys.encode(row), scan.tid(), index.unique() ? row : null));
      }
    }
    entries.sort(ORDER);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (index.unique() && i > 0 && Arrays.equals(entries.get(i - 1).key, e.key) && !keys.hasNull(e.row)) {
        throw DbException.of(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + index.name() + "\"")
            .withDetail(keys.describe(e.row) + " is duplicated.");
      }
      target.add(e.key, e.tid);
    }
    target.finish();
  }
}
