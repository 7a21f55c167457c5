package org.minidb.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/**
 * Merge join on equal keys (EXPLAIN: {@code Merge Join}, {@code Merge Cond:}): both inputs come sorted by their
 * keys, ascending with NULLs last, key i of the left paired with key i of the right (of the same type). NULL keys
 * never match. INNER, LEFT, RIGHT and FULL. {@code residual} (or null) is checked on each joined pair of equal
 * keys; a pair it rejects is not a match. Output: left columns then right columns, in the left input's key order
 * (for INNER and LEFT joins).
 */
public record MergeJoinNode(PlanNode left, PlanNode right, JoinType joinType, int[] leftKeys, int[] rightKeys,
    Expr residual) implements PlanNode {
  public MergeJoinNode {
    if (joinType == JoinType.SEMI || joinType == JoinType.ANTI) {
      throw new IllegalArgumentException("merge join of type " + joinType);
    }
  }

  @Override
  public List<DataType> outputTypes() {
    List<DataType> types = new ArrayList<>(left.outputTypes());
    types.addAll(right.outputTypes());
    return List.copyOf(types);
  }

  @Override
  public List<PlanNode> inputs() { return List.of(left, right); }
}
