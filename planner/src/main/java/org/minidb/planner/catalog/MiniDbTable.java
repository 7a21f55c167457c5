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
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.planner.cost.RelationSize;
import org.minidb.planner.cost.TableSizes;
import org.apache.calcite.util.ImmutableBitSet;
import org.minidb.storage.catalog.RelationStatistics;

/**
 * A MiniDB heap table as Calcite sees it. The scan stays logical; the physical choice (sequential or, later,
 * index scan) is made when the plan is converted. Column defaults are supplied through
 * {@link ColumnDefaults} so that INSERT with a column list or DEFAULT gets them.
 */
public final class MiniDbTable extends AbstractTable implements TranslatableTable {
  private final TableDef def;
  private final ColumnDefaults defaults;
  private final Supplier<RelationStatistics> statistics;
  private final Supplier<RelationSize> relationSize;
  private TableSizes.Size size;

  /** A table known by its definition only (never analyzed, PostgreSQL's 10-page guess). */
  public MiniDbTable(TableDef def) { this(def, () -> RelationStatistics.NONE, () -> null); }

  /**
   * @param statistics ANALYZE's figures (read once, when a plan first needs them)
   * @param relationSize asked (once) what storage knows of the heap's size; it may answer null (then PostgreSQL's
   *     10-page guess)
   */
  public MiniDbTable(TableDef def, Supplier<RelationStatistics> statistics, Supplier<RelationSize> relationSize) {
    this.def = def;
    this.defaults = new ColumnDefaults(def);
    this.statistics = Suppliers.memoize(statistics::get);
    this.relationSize = relationSize;
  }

  public TableDef def() { return def; }

  /**
   * The table's size and column statistics for this statement, with the row count the cost model uses
   * ({@link #size}), so that selectivity and costs start from the same rows.
   */
  public TableStatistics statistics() {
    return new TableStatistics(def, statistics.get(), Math.max(1.0, size().tuples()));
  }

  /** Pages and tuples the planner costs this table with (estimate_rel_size). */
  public TableSizes.Size size() {
    if (size == null) {
      RelationSize known = relationSize.get();
      RelationStatistics counted = statistics.get();
      // Without the heap at hand (planning over a bare catalog) the last counts stand for the current length.
      if (known == null && counted.analyzed()) {
        known = new RelationSize(counted.relpages(), counted.relpages(), counted.reltuples());
      }
      size = TableSizes.estimate(def, known);
    }
    return size;
  }

  /**
   * The row count Calcite's metadata starts from (instead of its default 100), and the unique keys of the
   * table's unique indexes (so that a join on a primary key is known to match at most one row).
   */
  @Override
  public Statistic getStatistic() {
    List<ImmutableBitSet> keys = new java.util.ArrayList<>();
    for (IndexDef index : def.indexes()) {
      if (!index.unique()) continue;
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (IndexDef.Key k : index.keys()) {
        for (int c = 0; c < def.columns().size(); c++) if (def.columns().get(c).attnum() == k.attnum()) b.set(c);
      }
      keys.add(b.build());
    }
    return Statistics.of(Math.max(1.0, size().tuples()), keys);
  }

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
