package org.minidb.planner.catalog;

import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import com.google.common.base.Suppliers;
import java.util.function.Supplier;
import org.minidb.planner.stats.TableStatistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * A MiniDB heap table as Calcite sees it. The scan stays logical; the physical choice (sequential or, later,
 * index scan) is made when the plan is converted. Column defaults are supplied through
 * {@link ColumnDefaults} so that INSERT with a column list or DEFAULT gets them.
 */
public final class MiniDbTable extends AbstractTable implements TranslatableTable {
  private final TableDef def;
  private final ColumnDefaults defaults;
  private final Supplier<TableStatistics> statistics;

  /** A table whose statistics are read (once, when first asked for) from {@code statistics}. */
  public MiniDbTable(TableDef def, Supplier<TableStatistics> statistics) {
    this.def = def;
    this.defaults = new ColumnDefaults(def);
    this.statistics = Suppliers.memoize(statistics::get);
  }

  /** A table without statistics (PostgreSQL's size guess for a table never analyzed). */
  public MiniDbTable(TableDef def) { this(def, () -> TableStatistics.unanalyzed(def)); }

  public TableDef def() { return def; }

  /** The table's size and column statistics for this statement. */
  public TableStatistics statistics() { return statistics.get(); }

  /** The row count from reltuples (or the estimate for a table never analyzed), instead of Calcite's 100. */
  @Override
  public Statistic getStatistic() { return Statistics.of(statistics().rows(), List.of()); }

  @Override
  public RelDataType getRowType(RelDataTypeFactory tf) { return rowType(tf, def.columns()); }

  /** The row type of a relation (table or view) with these columns. */
  static RelDataType rowType(RelDataTypeFactory tf, List<ColumnDef> columns) {
    RelDataTypeFactory.Builder b = tf.builder();
    // Every column is nullable for Calcite: NOT NULL is enforced by the executor (23502 at execution, as in
    // PostgreSQL), and Calcite's validator would otherwise reject an INSERT that omits such a column.
    for (ColumnDef c : columns) b.add(c.name(), TypeMapping.toRel(tf, c.type(), true));
    return b.build();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
  }

  @Override
  public <C> C unwrap(Class<C> aClass) {
    if (aClass.isInstance(defaults)) return aClass.cast(defaults);
    if (aClass.isInstance(this)) return aClass.cast(this);
    return super.unwrap(aClass);
  }
}
