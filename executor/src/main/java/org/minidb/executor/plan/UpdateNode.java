package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.storage.catalog.TableDef;

/**
 * Updates rows: each source row is the complete new row in the table's column order followed by the tid of
 * the version it replaces (int8, last column). Enforces the same constraints as {@link InsertNode}.
 * Produces no rows; counts into the context.
 */
public record UpdateNode(TableDef table, PlanNode source, List<Expr> checks) implements PlanNode {
  @Override
  public List<DataType> outputTypes() { return List.of(); }

  @Override
  public List<PlanNode> inputs() { return List.of(source); }
}
