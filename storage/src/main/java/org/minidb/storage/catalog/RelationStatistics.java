package org.minidb.storage.catalog;

import java.util.Map;

/**
 * A table's statistics as the planner reads them: pg_class.relpages and reltuples, and the pg_statistic rows of
 * its columns by attnum. {@code reltuples} is -1 while the table was never analyzed (PostgreSQL 14's convention).
 */
public record RelationStatistics(int relpages, double reltuples, Map<Integer, ColumnStatistics> columns) {
  /** A table never analyzed. */
  public static final RelationStatistics NONE = new RelationStatistics(0, -1, Map.of());

  public boolean analyzed() { return reltuples >= 0; }

  /** The statistics of the column with this attnum, or null. */
  public ColumnStatistics column(int attnum) { return columns.get(attnum); }
}
