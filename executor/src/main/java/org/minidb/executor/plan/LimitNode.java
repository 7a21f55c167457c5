package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;

/**
 * Skips {@code offset} rows, then passes at most {@code limit} rows and stops reading its input.
 *
 * @param offset an int8 expression (literal or parameter), or null for none
 * @param limit an int8 expression, or null for no limit (LIMIT ALL)
 */
public record LimitNode(PlanNode input, Expr offset, Expr limit) implements PlanNode {
  @Override
  public List<DataType> outputTypes() { return input.outputTypes(); }

  @Override
  public List<PlanNode> inputs() { return List.of(input); }
}
