package org.minidb.planner.rel;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code INSERT INTO t VALUES (..., DEFAULT)} without a column list: Calcite replaces DEFAULT by the column's
 * default only for columns that declare one and leaves a DEFAULT call for the others. In PostgreSQL the
 * default of a column without one is NULL, which is what those calls become here (a NOT NULL column then
 * fails at execution with 23502, as in PostgreSQL).
 */
final class InsertDefaults {
  private InsertDefaults() {}

  static RelNode resolve(RelNode insert) {
    RexBuilder rb = insert.getCluster().getRexBuilder();
    RexShuttle nulls = new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        if (call.getKind() == SqlKind.DEFAULT) {
          return rb.makeNullLiteral(rb.getTypeFactory().createTypeWithNullability(call.getType(), true));
        }
        return super.visitCall(call);
      }
    };
    return insert.accept(new RelHomogeneousShuttle() {
      @Override protected RelNode visitChild(RelNode parent, int i, RelNode child) {
        return super.visitChild(parent, i, child).accept(nulls);
      }
    });
  }
}
