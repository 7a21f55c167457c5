package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * PostgreSQL's Unique node: of each run of consecutive input rows equal on {@code keys} (NULLs equal), only
 * the first passes. Over a sort on those keys it is {@code DISTINCT ON}.
 */
public record UniqueNode(PlanNode input, int[] keys) implements PlanNode {
  @Override
  public List<DataType> outputTypes() { return input.outputTypes(); }

  @Override
  public List<PlanNode> inputs() { return List.of(input); }
}
