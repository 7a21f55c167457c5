package org.minidb.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/**
 * Hash join on equal keys: builds a hash table from the right input, probes it with each left row. NULL
 * keys never match. {@code residual} (or null) is checked on the joined row (left columns then right).
 * Output: left columns then right columns.
 */
public record HashJoinNode(PlanNode left, PlanNode right, JoinType joinType, int[] leftKeys, int[] rightKeys,
    Expr residual) implements PlanNode {
  @Override
  public List<DataType> outputTypes() {
    List<DataType> types = new ArrayList<>(left.outputTypes());
    types.addAll(right.outputTypes());
    return List.copyOf(types);
  }

  @Override
  public List<PlanNode> inputs() { return List.of(left, right); }
}
