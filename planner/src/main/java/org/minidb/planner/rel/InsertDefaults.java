package org.minidb.planner.rel;

import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Linear in the size of the tree: a node is copied once, and only when it or an input changed (a VALUES
 * list of n rows is a union of n inputs; copying the union once per changed input would be quadratic).
 */
final class InsertDefaults {
  private InsertDefaults() {}

  static RelNode resolve(RelNode insert) {
    RexBuilder rb = insert.getCluster().getRexBuilder();
    List<RelNode> inputs = insert.getInputs();
    List<RelNode> resolved = new ArrayList<>(inputs.size());
    boolean changed = false;
    for (RelNode in : inputs) {
      RelNode r = withNulls(resolve(in), rb);
      changed |= r != in;
      resolved.add(r);
    }
    return changed ? insert.copy(insert.getTraitSet(), resolved) : insert;
  }

  /** {@code rel} with its own DEFAULT calls replaced by typed NULLs; {@code rel} itself when it has none. */
  private static RelNode withNulls(RelNode rel, RexBuilder rb) {
    boolean[] found = {false};
    RexShuttle nulls = new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        if (call.getKind() == SqlKind.DEFAULT) {
          found[0] = true;
          return rb.makeNullLiteral(rb.getTypeFactory().createTypeWithNullability(call.getType(), true));
        }
        return super.visitCall(call);
      }
    };
    RelNode out = rel.accept(nulls);
    return found[0] ? out : rel;
  }
}
