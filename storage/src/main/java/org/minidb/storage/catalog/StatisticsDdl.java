package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
      catalog.insert(tx, st, StatisticRows.row(table.oid(), column.type().type(), c));
    }
    Object[] row = classRow.get(0).clone();
    row[cl.index("relpages")] = relpages;
    row[cl.index("reltuples")] = (float) reltuples;
    catalog.deleteRow(tx, new CatalogState.RowRef(cl, classTid.get(0)));
    catalog.insert(tx, cl, row);
  }
}
