package org.minidb.planner.stats;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.minidb.common.types.PgType;
import org.minidb.planner.catalog.MiniDbTable;

/** Finds the statistics behind a Calcite table or a rel's output column. */
final class StatisticsOf {
  private StatisticsOf() {}

  /** The statistics of a MiniDB table, or null for anything else. */
  static TableStatistics table(RelOptTable table) {
    MiniDbTable t = table == null ? null : table.unwrap(MiniDbTable.class);
    return t == null ? null : t.statistics();
  }

  /**
   * The statistics of the column a rel's output field comes from unchanged (a base table's column), or an unknown
   * column sized by the rel's row count when it is computed or comes from elsewhere.
   */
  static ColumnStats column(RelNode rel, RelMetadataQuery mq, int field) {
    RelColumnOrigin origin = mq.getColumnOrigin(rel, field);
    if (origin != null && !origin.isDerived()) {
      TableStatistics t = table(origin.getOriginTable());
      if (t != null) return t.column(origin.getOriginColumnOrdinal());
    }
    Double rows = mq.getRowCount(rel);
    return ColumnStats.unknown(PgType.UNKNOWN, rows == null ? 0 : rows);
  }
}
