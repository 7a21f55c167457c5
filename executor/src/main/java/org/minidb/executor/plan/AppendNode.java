package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * The rows of each input in turn ({@code UNION ALL}; EXPLAIN: {@code Append}). Every input already has
 * {@code outputTypes} (the planner casts them to the set operation's column types).
 */
public record AppendNode(List<PlanNode> inputs, List<DataType> outputTypes) implements PlanNode {
  public AppendNode {
    inputs = List.copyOf(inputs);
    outputTypes = List.copyOf(outputTypes);
  }
}
