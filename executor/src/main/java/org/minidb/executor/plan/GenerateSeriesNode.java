package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/**
 * {@code generate_series(start, stop [, step])} in FROM: one column of {@code type} (int4, int8, numeric,
 * timestamp or timestamptz; the step of a timestamp series is an interval). The arguments are evaluated once
 * per execution with an empty input row; {@code step} null means the default step 1.
 */
public record GenerateSeriesNode(Expr start, Expr stop, Expr step, DataType type) implements PlanNode {
  @Override
  public List<DataType> outputTypes() { return List.of(type); }

  @Override
  public List<PlanNode> inputs() { return List.of(); }
}
