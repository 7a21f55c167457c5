package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;

/** Constant expressions are evaluated while planning, as PostgreSQL's eval_const_expressions does. */
class ConstantFoldingTest {
  private static final Planner PLANNER = new Planner();

  private static Statement prepare(String sql) { return PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of()); }

  private static Object first(String sql, ZoneId zone) {
    PlannedStatement p = (PlannedStatement) prepare(sql);
    try (Operator op = Executor.build(p.plan(),
        new ExecContext(null, null, null, new Object[0], zone, Instant.parse("2024-01-02T03:04:05Z"), 1 << 20))) {
      op.open();
      return op.next()[0];
    }
  }

  @Test
  void errorsOfConstantExpressionsAreRaisedWhilePlanning() {
    DbException e = assertThrows(DbException.class, () -> prepare("SELECT 1/0"));
    assertEquals("22012", e.sqlState());
    assertEquals("22003", assertThrows(DbException.class, () -> prepare("SELECT 2147483647 + 1")).sqlState());
  }

  @Test
  void branchesNeverTakenAreNotEvaluated() {
    assertEquals(1, first("SELECT CASE WHEN 1 = 2 THEN 1/0 ELSE 1 END", ZoneId.of("UTC")));
    assertEquals(2, first("SELECT COALESCE(2, 1/0)", ZoneId.of("UTC")));
  }

  @Test
  void stableAndZoneDependentExpressionsAreLeftForExecution() {
    assertInstanceOf(PlannedStatement.class, prepare("SELECT now()"));
    // The same cached plan must print a timestamptz in each session's own zone.
    assertEquals(first("SELECT '2024-01-01 00:00:00+00'::timestamptz::text", ZoneId.of("UTC")), "2024-01-01 00:00:00+00");
    assertEquals(first("SELECT '2024-01-01 00:00:00+00'::timestamptz::text", ZoneId.of("Asia/Kolkata")),
        "2024-01-01 05:30:00+05:30");
    assertEquals(Instant.parse("2024-01-02T03:04:05Z"), first("SELECT now()", ZoneId.of("UTC")));
  }
}
