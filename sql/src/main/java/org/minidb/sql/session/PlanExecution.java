package org.minidb.sql.session;

import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;
import org.minidb.planner.PlannedStatement;
import org.minidb.planner.StatementKind;
import org.minidb.sql.QuerySink;

/**
 * Runs a planned statement's operator tree and writes its rows and command tag. A SELECT may stop at a row
 * limit and resume later (the portal keeps the open operators); DML always runs to the end.
 */
final class PlanExecution {
  private PlanExecution() {}

  /**
   * Runs {@code portal} (opening its operators on first use) and writes at most {@code maxRows} rows
   * ({@code 0}: all).
   *
   * @return true if the portal completed (CommandComplete written), false if it was suspended
   */
  static boolean run(Portal portal, PlannedStatement plan, ExecContext context, int maxRows, QuerySink sink) {
    if (portal.done) {
      sink.commandComplete(tag(plan, 0));
      return true;
    }
    try {
      if (portal.operator == null) {
        portal.context = context;
        portal.operator = Executor.build(plan.plan(), context);
        portal.operator.open();
      }
      Operator op = portal.operator;
      long sentNow = 0;
      boolean completed = false;
      while (maxRows <= 0 || sentNow < maxRows) {
        Object[] row = op.next();
        if (row == null) {
          completed = true;
          break;
        }
        sink.dataRow(row);
        sentNow++;
      }
      if (!completed && plan.kind() == StatementKind.SELECT) {
        sink.portalSuspended();
        return false;
      }
      if (!completed) {
        // DML yields no rows: its operator runs to the end within the first next().
        while (op.next() != null) { }
      }
      // As PostgreSQL's, a SELECT's tag counts the rows of this Execute only, not those of earlier ones.
      long count = plan.kind() == StatementKind.SELECT ? sentNow : portal.context.processed();
      portal.done = true;
      portal.closeExecution();
      sink.commandComplete(tag(plan, count));
      return true;
    } catch (RuntimeException e) {
      portal.closeExecution();
      throw e;
    }
  }

  static String tag(PlannedStatement plan, long count) {
    if (plan.isExplain()) return "EXPLAIN";
    return switch (plan.kind()) {
      case SELECT -> "SELECT " + count;
      case INSERT -> "INSERT 0 " + count;
      case UPDATE -> "UPDATE " + count;
      case DELETE -> "DELETE " + count;
    };
  }
}
