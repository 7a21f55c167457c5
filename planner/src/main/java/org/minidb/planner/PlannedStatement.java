package org.minidb.planner;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.plan.PlanNode;

/**
 * The immutable result of planning one query or DML statement: cacheable and shareable between executions
 * and sessions.
 *
 * @param columns the result columns (empty for INSERT/UPDATE/DELETE without RETURNING)
 * @param parameterTypes the type of each {@code $n}, given by the client or inferred from context
 * @param explain a PostgreSQL-style EXPLAIN rendering of the plan, one line per element
 * @param isExplain the statement was an {@code EXPLAIN}: {@code plan} returns the explained statement's plan
 *     text as rows of one text column {@code QUERY PLAN} (kind SELECT; nothing of the explained statement
 *     runs), and PostgreSQL's command tag is {@code EXPLAIN}
 * @param explainTree the plan as EXPLAIN shows it, with the planner's estimates (null for an EXPLAIN's own
 *     statement); {@code explain} is its text without costs
 */
public record PlannedStatement(StatementKind kind, PlanNode plan, List<ResultColumn> columns,
    List<DataType> parameterTypes, List<String> explain, boolean isExplain,
    org.minidb.planner.explain.ExplainNode explainTree) implements Statement {
  public PlannedStatement(StatementKind kind, PlanNode plan, List<ResultColumn> columns,
      List<DataType> parameterTypes, List<String> explain) {
    this(kind, plan, columns, parameterTypes, explain, false, null);
  }

  public PlannedStatement(StatementKind kind, PlanNode plan, List<ResultColumn> columns,
      List<DataType> parameterTypes, List<String> explain, boolean isExplain) {
    this(kind, plan, columns, parameterTypes, explain, isExplain, null);
  }

  public PlannedStatement(StatementKind kind, PlanNode plan, List<ResultColumn> columns,
      List<DataType> parameterTypes, org.minidb.planner.explain.ExplainNode explainTree) {
    this(kind, plan, columns, parameterTypes, explainTree.render(false), false, explainTree);
  }
}
