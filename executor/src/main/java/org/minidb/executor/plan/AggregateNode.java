package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * Hash aggregation (EXPLAIN: {@code HashAggregate}, or {@code Aggregate} without GROUP BY). Output: the
 * group columns in order, then one column per aggregate. Without group columns it yields exactly one row,
 * even over empty input.
 */
public record AggregateNode(PlanNode input, int[] groupColumns, List<AggregateCall> aggregates,
    List<DataType> outputTypes) implements PlanNode {
  @Override
  public List<PlanNode> inputs() { return List.of(input); }
}
