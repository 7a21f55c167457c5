package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * A join condition split into equality keys ({@code left.col = right.col}, usable by a hash join) and the
 * remaining conjuncts, for a joined row whose first {@code leftWidth} columns come from the left input.
 */
record EquiJoinKeys(int[] leftKeys, int[] rightKeys, RexNode remaining) {
  static EquiJoinKeys of(RexBuilder rexBuilder, int leftWidth, RexNode condition) {
    List<Integer> left = new ArrayList<>();
    List<Integer> right = new ArrayList<>();
    List<RexNode> rest = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      if (c.getKind() == SqlKind.EQUALS && c instanceof RexCall call
          && call.getOperands().get(0) instanceof RexInputRef a && call.getOperands().get(1) instanceof RexInputRef b
          && (a.getIndex() < leftWidth) != (b.getIndex() < leftWidth)) {
        RexInputRef l = a.getIndex() < leftWidth ? a : b;
        RexInputRef r = a.getIndex() < leftWidth ? b : a;
        left.add(l.getIndex());
        right.add(r.getIndex() - leftWidth);
      } else {
        rest.add(c);
      }
    }
    return new EquiJoinKeys(left.stream().mapToInt(Integer::intValue).toArray(),
        right.stream().mapToInt(Integer::intValue).toArray(), RexUtil.composeConjunction(rexBuilder, rest));
  }

  boolean isEmpty() { return leftKeys.length == 0; }
}
