package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;

/** Sorts its input by the keys, with PostgreSQL's ordering of each type (NULLs last ascending by default). */
public record SortNode(PlanNode input, List<SortKey> keys) implements PlanNode {
  @Override
  public List<DataType> outputTypes() { return input.outputTypes(); }

  @Override
  public List<PlanNode> inputs() { return List.of(input); }
}
