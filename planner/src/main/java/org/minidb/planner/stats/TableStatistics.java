package org.minidb.planner.stats;

import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.RelationStatistics;
import org.minidb.storage.catalog.TableDef;

/**
 * A table's size and column statistics for one statement's planning. The row count is pg_class.reltuples once
 * analyzed; before that the live rows the server has counted, or, for a table with none counted, PostgreSQL's
 * guess for a never-vacuumed table: 10 pages of tuples of the columns' typical width (estimate_rel_size).
 */
public record TableStatistics(TableDef table, RelationStatistics stats, double rows) {
  private static final int BLCKSZ = 8192;
  private static final int PAGE_HEADER = 24;
  /** Tuple header (MAXALIGNed) plus line pointer. */
  private static final int TUPLE_OVERHEAD = 24 + 4;
  /** PostgreSQL's get_typavgwidth guess for a variable-width column. */
  private static final int VARLENA_WIDTH = 32;

  /**
   * @param liveRows the live rows the storage has counted for a table never analyzed (&lt;= 0: none)
   */
  public static TableStatistics of(TableDef table, RelationStatistics stats, double liveRows) {
    double rows;
    if (stats.analyzed()) rows = stats.reltuples();
    else if (liveRows > 0) rows = liveRows;
    else rows = 10.0 * Math.floor((double) (BLCKSZ - PAGE_HEADER) / (tupleWidth(table) + TUPLE_OVERHEAD));
    return new TableStatistics(table, stats, Math.max(1.0, Math.rint(rows)));
  }

  /** A table known by its definition only. */
  public static TableStatistics unanalyzed(TableDef table) { return of(table, RelationStatistics.NONE, -1); }

  static int tupleWidth(TableDef table) {
    int w = 0;
    for (ColumnDef c : table.columns()) {
      int len = c.type().type().typlen();
      w += len > 0 ? len : VARLENA_WIDTH;
    }
    return w;
  }

  /** The column at this position of the table's row type (0-based), as the estimators see it. */
  public ColumnStats column(int field) {
    ColumnDef c = table.columns().get(field);
    return new ColumnStats(stats.column(c.attnum()), c.type().type(), rows, uniqueKey(c.attnum()));
  }

  /** Whether a unique index has exactly this column as its key. */
  private boolean uniqueKey(int attnum) {
    for (IndexDef i : table.indexes()) {
      if (i.unique() && i.keys().size() == 1 && i.keys().get(0).attnum() == attnum) return true;
    }
    return false;
  }
}
