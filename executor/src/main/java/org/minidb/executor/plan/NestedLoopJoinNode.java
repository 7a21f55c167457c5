package org.minidb.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/**
 * Nested-loop join: for each left row, re-scans the (materialized) right input. The condition sees the left
 * row followed by the right row; null means a cross join. Output: left columns then right columns.
 */
public record NestedLoopJoinNode(PlanNode left, PlanNode right, JoinType joinType, Expr condition)
    implements PlanNode {
  @Override
  public List<DataType> outputTypes() {
    List<DataType> types = new ArrayList<>(left.outputTypes());
    types.addAll(right.outputTypes());
    return List.copyOf(types);
  }

  @Override
  public List<PlanNode> inputs() { return List.of(left, right); }
}
