package org.minidb.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/**
 * Nested-loop join. The condition sees the left row followed by the right row; null means a cross join. Output:
 * left columns then right columns.
 *
 * <p>Without {@code params} the right input is read once and kept in memory, and every left row is compared
 * with all of it. With {@code params} (an index nested loop) the right input is rescanned for each left row
 * after the listed outer columns were stored in their executor parameters: its Index Scan then returns only the
 * rows matching that outer row. The condition is still checked on every pair, so the inner may return more rows
 * than match. RIGHT and FULL joins are not parameterized (they must see every inner row once).
 */
public record NestedLoopJoinNode(PlanNode left, PlanNode right, JoinType joinType, Expr condition,
    List<NestParam> params) implements PlanNode {
  public NestedLoopJoinNode {
    params = List.copyOf(params);
    if (!params.isEmpty() && (joinType == JoinType.RIGHT || joinType == JoinType.FULL)) {
      throw new IllegalArgumentException("a " + joinType + " nested loop cannot be parameterized");
    }
  }

  public NestedLoopJoinNode(PlanNode left, PlanNode right, JoinType joinType, Expr condition) {
    this(left, right, joinType, condition, List.of());
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
