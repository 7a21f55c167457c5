package org.minidb.planner;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;

/** Plans a query over the test catalog and runs it through the executor (no storage: VALUES and CTEs only). */
final class Rows {
  private static final Planner PLANNER = new Planner();

  private Rows() {}

  static List<List<Object>> of(String sql) {
    PlannedStatement p = (PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of());
    ExecContext ctx = new ExecContext(null, null, null, new Object[0], ZoneId.of("UTC"), Instant.now(), 1 << 20);
    List<List<Object>> rows = new ArrayList<>();
    try (Operator op = Executor.build(p.plan(), ctx)) {
      op.open();
      for (Object[] row = op.next(); row != null && rows.size() < 1000; row = op.next()) {
        rows.add(Arrays.asList(row.clone()));
      }
    }
    return rows;
  }

  /** A row as a list that may hold nulls. */
  static List<Object> row(Object... values) { return Arrays.asList(values); }

  /** The plan's EXPLAIN lines. */
  static List<String> explain(String sql) {
    return ((PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of())).explain();
  }
}
