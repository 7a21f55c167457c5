package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * Sorted aggregation (EXPLAIN: {@code GroupAggregate}, {@code Group Key:}): the input comes ordered so that the
 * rows of a group are adjacent (sorted by the group columns, in any direction), and each group is emitted as soon
 * as the next one starts, in input order. Output as {@link AggregateNode}'s: the group columns, then one column per
 * aggregate. It needs at least one group column (a plain aggregate is an AggregateNode).
 */
public record GroupAggregateNode(PlanNode input, int[] groupColumns, List<AggregateCall> aggregates,
    List<DataType> outputTypes) implements PlanNode {
  public GroupAggregateNode {
    if (groupColumns.length == 0) throw new IllegalArgumentException("a sorted aggregate needs group columns");
  }

  @Override
  public List<PlanNode> inputs() { return List.of(input); }
}
