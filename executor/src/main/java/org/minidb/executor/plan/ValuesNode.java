package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/**
 * Literal rows ({@code VALUES (...), (...)}, or the one empty row under {@code SELECT 1}). Each expression
 * is evaluated with an empty input row, so it may use parameters but no columns.
 */
public record ValuesNode(List<List<Expr>> rows, List<DataType> outputTypes) implements PlanNode {
  @Override
  public List<PlanNode> inputs() { return List.of(); }
}
