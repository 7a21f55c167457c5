package org.minidb.planner.cost;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;

/**
 * The operators an expression evaluates per row, each costing cpu_operator_cost as PostgreSQL's cost_qual_eval
 * charges a function of procost 1; AND, OR and NOT are free, as there.
 */
public final class Operators {
  private Operators() {}

  public static int count(RexNode expr) {
    if (expr == null) return 0;
    int[] n = {0};
    expr.accept(new RexVisitorImpl<Void>(true) {
      @Override public Void visitCall(RexCall call) {
        SqlKind k = call.getKind();
        if (k != SqlKind.AND && k != SqlKind.OR && k != SqlKind.NOT) n[0]++;
        return super.visitCall(call);
      }
    });
    return n[0];
  }

  public static int count(java.util.List<? extends RexNode> exprs) {
    int n = 0;
    for (RexNode e : exprs) n += count(e);
    return n;
  }
}
