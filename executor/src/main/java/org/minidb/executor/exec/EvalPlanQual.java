package org.minidb.executor.exec;

import org.minidb.executor.plan.PlanNode;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.TupleVersion;

/**
 * READ COMMITTED's re-check of a row that a concurrent transaction updated after the statement's snapshot
 * (PostgreSQL's EvalPlanQual): the newest version of the row is fetched and the statement's source plan is run
 * again with the target table's scan replaced by that one version. If the version still passes the statement's
 * conditions, the source row computed from it (new values and its tid) is what UPDATE or DELETE applies next;
 * otherwise the row is skipped. Other tables in the plan are read again under the statement's snapshot
 * (PostgreSQL keeps their rows as they were: a difference only for joins against concurrently changed rows).
 */
final class EvalPlanQual {
  private final PlanNode sourcePlan;
  private final ExecContext ctx;
  private final long relOid;

  EvalPlanQual(PlanNode sourcePlan, ExecContext ctx, long relOid) {
    this.sourcePlan = sourcePlan;
    this.ctx = ctx;
    this.relOid = relOid;
  }

  /**
   * The source row for the newest version of the row after {@code newerTid} (made by {@code updater}), or null
   * if the row was deleted or no longer qualifies.
   */
  Object[] recheck(HeapRelation heap, long newerTid, long updater) {
    TupleVersion latest = heap.fetchLatest(newerTid, updater);
    if (latest == null) return null;
    try (Operator op = Executor.build(sourcePlan, ctx.forEvalPlanQual(new EvalPlanQualRow(relOid, latest)))) {
      op.open();
      Object[] row = op.next();
      return row == null ? null : row.clone();
    }
  }
}
