package org.minidb.planner;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.plan.PlanNode;
import org.minidb.planner.explain.ExplainNode;

/**
 * The immutable result of planning one query or DML statement: cacheable and shareable between executions
 * and sessions.
 *
 * @param columns the result columns (empty for INSERT/UPDATE/DELETE without RETURNING)
 * @param parameterTypes the type of each {@code $n}, given by the client or inferred from context
 * @param explain a PostgreSQL-style EXPLAIN rendering of the plan (COSTS off), one line per element
 * @param isExplain the statement was an {@code EXPLAIN}: {@code plan} returns the explained statement's plan
 *     as rows of one text column {@code QUERY PLAN} (kind SELECT), and PostgreSQL's command tag is
 *     {@code EXPLAIN}. Without ANALYZE nothing of the explained statement runs; with ANALYZE the plan is an
 *     {@link org.minidb.executor.plan.ExplainAnalyzeNode} that runs it
 * @param explainTree the plan as EXPLAIN shows it, linked to {@code plan}'s nodes (of the explained statement
 *     for an EXPLAIN); null where there is none
 * @param analyzedKind for EXPLAIN ANALYZE, the kind of the statement it runs (an INSERT, UPDATE or DELETE
 *     changes data, and the session checks that it may); null otherwise
 */
public record PlannedStatement(StatementKind kind, PlanNode plan, List<ResultColumn> columns,
    List<DataType> parameterTypes, List<String> explain, boolean isExplain, ExplainNode explainTree,
    StatementKind analyzedKind) implements Statement {
  public PlannedStatement(StatementKind kind, PlanNode plan, List<ResultColumn> columns,
      List<DataType> parameterTypes, List<String> explain) {
    this(kind, plan, columns, parameterTypes, explain, false, null, null);
  }
}
