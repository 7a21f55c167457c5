package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.storage.catalog.TableDef;

/**
 * Inserts each source row into the table. The source yields full rows in the table's column order, already
 * of the column types (defaults filled in by the planner). Before writing, the node enforces NOT NULL
 * (23502), the declared length of varchar(n)/char(n) (22001; char(n) is blank-padded), numeric(p,s)
 * (rounding, 22003) and each CHECK (23514: {@code checks} are predicates over the new row, in the order of
 * {@code table.checks()}). Produces no rows; adds the count to
 * {@link org.minidb.executor.exec.ExecContext#addProcessed}.
 */
public record InsertNode(TableDef table, PlanNode source, List<Expr> checks) implements PlanNode {
  @Override
  public List<DataType> outputTypes() { return List.of(); }

  @Override
  public List<PlanNode> inputs() { return List.of(source); }
}
