package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/**
 * Writes what ANALYZE found: the pg_statistic rows of the analyzed columns replace their old ones, and the
 * table's pg_class row gets the new relpages and reltuples. Unlike PostgreSQL (which updates pg_class in place,
 * non-transactionally) every change is an ordinary MVCC catalog change in the caller's transaction: WAL-logged,
 * undone by a rollback, and visible to others (plan caches see the catalog version move) when it commits.
 */
final class StatisticsDdl {
  private StatisticsDdl() {}

  static void store(HeapCatalog catalog, Transaction tx, TableDef table, int relpages, double reltuples,
      List<ColumnStatistics> columns) {
    HeapCatalog.lockCatalogForDdl(tx);
    Snapshot snapshot = catalog.freshSnapshot(tx);
    SystemTable cl = SystemCatalogs.PG_CLASS;
    List<Object[]> classRow = new ArrayList<>();
    List<Long> classTid = new ArrayList<>();
    CatalogState.scan(catalog.store()::systemHeap, cl, snapshot, (r, tid) -> {
      if ((Long) r[cl.index("oid")] == table.oid()) {
        classRow.add(r);
        classTid.add(tid);
      }
    });
    if (classRow.isEmpty()) {
      // Dropped by a transaction that committed after the table was looked up.
      throw DbException.of(SqlState.UNDEFINED_TABLE, "relation with OID " + table.oid() + " does not exist");
    }
    catalog.markPending(tx);
    Set<Integer> replaced = new HashSet<>();
    for (ColumnStatistics c : columns) replaced.add(c.attnum());
    SystemTable st = SystemCatalogs.PG_STATISTIC;
    List<Long> stale = new ArrayList<>();
    CatalogState.scan(catalog.store()::systemHeap, st, snapshot, (r, tid) -> {
      if (StatisticRows.relOid(r) == table.oid() && replaced.contains(StatisticRows.attnum(r))) stale.add(tid);
    });
    for (long tid : stale) catalog.deleteRow(tx, new CatalogState.RowRef(st, tid));
    for (ColumnStatistics c : columns) {
      ColumnDef column = table.columns().stream().filter(x -> x.attnum() == c.attnum()).findFirst().orElseThrow();
      catalog.insert(tx, st, fitted(table.oid(), column.type().type(), c));
    }
    Object[] row = classRow.get(0).clone();
    row[cl.index("relpages")] = relpages;
    row[cl.index("reltuples")] = (float) reltuples;
    catalog.deleteRow(tx, new CatalogState.RowRef(cl, classTid.get(0)));
    catalog.insert(tx, cl, row);
  }

  /** The largest pg_statistic row stored: a page's item limit with room for the tuple header. */
  private static final int MAX_ROW_BYTES = 7_800;

  /**
   * The pg_statistic row of a column, its most common values and histogram thinned until the row fits on a page.
   * PostgreSQL stores long arrays out of line (pg_statistic has a TOAST table; MiniDB's catalogs have none): for a
   * column of long values (TPC-H's comments) the histogram keeps every other bound, first and last included, and
   * the MCV list its more frequent half, as often as needed: fewer, wider buckets rather than no statistics.
   */
  static Object[] fitted(long relOid, org.minidb.common.types.PgType type, ColumnStatistics c) {
    for (int round = 0; ; round++) {
      Object[] row = StatisticRows.row(relOid, type, c);
      if (RowCodec.encode(SystemCatalogs.PG_STATISTIC.types(), row).length <= MAX_ROW_BYTES || round > 64) return row;
      List<Object> histogram = c.histogram();
      List<Object> mcv = c.mcvValues();
      if (histogram.size() > 2 && (histogram.size() >= mcv.size() || mcv.size() <= 1)) {
        List<Object> thinner = new ArrayList<>();
        for (int i = 0; i < histogram.size(); i += 2) thinner.add(histogram.get(i));
        if (!thinner.getLast().equals(histogram.getLast())) thinner.add(histogram.getLast());
        c = new ColumnStatistics(c.attnum(), c.nullFrac(), c.width(), c.nDistinct(), mcv, c.mcvFreqs(),
            List.copyOf(thinner), c.correlation());
      } else if (mcv.size() > 1) {
        int keep = mcv.size() / 2; // MCVs are kept most frequent first
        c = new ColumnStatistics(c.attnum(), c.nullFrac(), c.width(), c.nDistinct(), List.copyOf(mcv.subList(0, keep)),
            java.util.Arrays.copyOf(c.mcvFreqs(), keep), histogram, c.correlation());
      } else {
        c = new ColumnStatistics(c.attnum(), c.nullFrac(), c.width(), c.nDistinct(), List.of(), new float[0], List.of(),
            c.correlation());
      }
    }
  }
}
