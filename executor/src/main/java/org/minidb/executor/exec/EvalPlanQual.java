package org.minidb.executor.exec;

import java.util.function.Function;
import org.minidb.executor.plan.PlanNode;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.TupleChange;
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
  private Object[] recheck(HeapRelation heap, long newerTid, long updater) {
    TupleVersion latest = heap.fetchLatest(newerTid, updater);
    if (latest == null) return null;
    try (Operator op = Executor.build(sourcePlan, ctx.forEvalPlanQual(new EvalPlanQualRow(relOid, latest)))) {
      op.open();
      Object[] row = op.next();
      return row == null ? null : row.clone();
    }
  }

  /** Where applying a change to a row ended: its status, and the source row it was applied to (null if gone). */
  record Outcome(TupleChange.Status status, Object[] source) {}

  private static final Outcome GONE = new Outcome(TupleChange.Status.DELETED, null);

  /**
   * Applies {@code change} (an update, delete or row lock) to the version the source row {@code in} names. When a
   * transaction that committed after the statement's snapshot changed it first, REPEATABLE READ and SERIALIZABLE
   * cannot go on (40001, PostgreSQL's wording: "concurrent update", or {@code deletedAs} for a deleted row) and
   * READ COMMITTED goes on with the row's newest version if it still qualifies, as often as that happens. Every
   * other outcome (OK, SELF_MODIFIED, WOULD_BLOCK) is the caller's to judge; a row that is gone or no longer
   * qualifies ends as DELETED without a source.
   */
  Outcome apply(HeapRelation heap, Object[] in, Function<Object[], TupleChange> change, String deletedAs) {
    for (Object[] source = in; source != null; ) {
      TupleChange r = change.apply(source);
      switch (r.status()) {
        case DELETED -> {
          refuseUnderTransactionSnapshot(deletedAs);
          return GONE;
        }
        case UPDATED -> {
          refuseUnderTransactionSnapshot("update");
          source = recheck(heap, r.tid(), r.updater());
        }
        default -> {
          return new Outcome(r.status(), source);
        }
      }
    }
    return GONE;
  }

  private void refuseUnderTransactionSnapshot(String what) {
    if (ctx.transaction().isolationLevel().usesTransactionSnapshot()) {
      throw org.minidb.common.error.DbException.of(org.minidb.common.error.SqlState.SERIALIZATION_FAILURE,
          "could not serialize access due to concurrent " + what);
    }
  }
}
