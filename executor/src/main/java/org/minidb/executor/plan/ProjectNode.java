package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/** Computes one output column per expression from each input row. */
public record ProjectNode(PlanNode input, List<Expr> expressions, List<DataType> outputTypes)
    implements PlanNode {
  @Override
  public List<PlanNode> inputs() { return List.of(input); }
}
