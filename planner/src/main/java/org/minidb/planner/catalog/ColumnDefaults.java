package org.minidb.planner.catalog;

import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * Column defaults for INSERT. A column with a DEFAULT becomes a call {@code pg_column_default(attnum)} of
 * the column's type, which the plan compiler replaces by the compiled default expression (the text in
 * {@link ColumnDef#defaultExpr()}, planned on its own). A column without one defaults to NULL, also when it
 * is NOT NULL: as in PostgreSQL, the INSERT then fails at execution with 23502, not at planning.
 */
public final class ColumnDefaults extends NullInitializerExpressionFactory {
  private final TableDef def;

  ColumnDefaults(TableDef def) { this.def = def; }

  @Override
  public ColumnStrategy generationStrategy(RelOptTable table, int iColumn) {
    return def.columns().get(iColumn).defaultExpr() != null ? ColumnStrategy.DEFAULT : ColumnStrategy.NULLABLE;
  }

  @Override
  public RexNode newColumnDefaultValue(RelOptTable table, int iColumn, InitializerContext context) {
    RexBuilder rb = context.getRexBuilder();
    RelDataType type = table.getRowType().getFieldList().get(iColumn).getType();
    ColumnDef column = def.columns().get(iColumn);
    if (column.defaultExpr() == null) {
      return rb.makeNullLiteral(rb.getTypeFactory().createTypeWithNullability(type, true));
    }
    return rb.makeCall(type, ColumnDefaultFunction.INSTANCE,
        List.of(rb.makeExactLiteral(java.math.BigDecimal.valueOf(column.attnum()))));
  }
}
