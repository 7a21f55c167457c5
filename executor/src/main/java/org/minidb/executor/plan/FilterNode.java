package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/** Passes the input rows for which the predicate is TRUE (not false, not null). */
public record FilterNode(PlanNode input, Expr predicate) implements PlanNode {
  @Override
  public List<DataType> outputTypes() { return input.outputTypes(); }

  @Override
  public List<PlanNode> inputs() { return List.of(input); }
}
