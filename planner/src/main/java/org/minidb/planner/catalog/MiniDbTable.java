package org.minidb.planner.catalog;

import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
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

  public MiniDbTable(TableDef def) {
    this.def = def;
    this.defaults = new ColumnDefaults(def);
  }

  public TableDef def() { return def; }

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
