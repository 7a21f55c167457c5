package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;

/** UNION / INTERSECT / EXCEPT [ALL] planned and run; expected multisets from PostgreSQL 15. */
class SetOperationsTest {
  private static final Planner PLANNER = new Planner();

  private static PlannedStatement plan(String sql) {
    return (PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of());
  }

  /** The rows of a one-column result, sorted (set operations promise no order), NULLs last. */
  private static List<Object> sorted(String sql) {
    ExecContext ctx = new ExecContext(null, null, null, new Object[0], ZoneId.of("UTC"), Instant.now(), 1 << 20);
    List<Object> out = new ArrayList<>();
    try (Operator op = Executor.build(plan(sql).plan(), ctx)) {
      op.open();
      for (Object[] row = op.next(); row != null && out.size() < 100; row = op.next()) out.add(row[0]);
    }
    out.sort(Comparator.nullsLast(Comparator.comparing(Object::toString)));
    return out;
  }

  private static final String L = "SELECT x FROM (VALUES (1),(1),(1),(2),(NULL),(NULL)) v(x)";
  private static final String R = "SELECT x FROM (VALUES (1),(1),(3),(NULL)) w(x)";

  @Test
  void unionAllAppendsAndUnionRemovesDuplicates() {
    assertEquals(Arrays.asList(1, 1, 1, 1, 1, 2, 3, null, null, null), sorted(L + " UNION ALL " + R));
    assertEquals(Arrays.asList(1, 2, 3, null), sorted(L + " UNION " + R));
    assertEquals(List.of("Sort", "  Sort Key: x", "  ->  HashAggregate", "        Group Key: x",
        "        ->  Append", "              ->  Values Scan on \"*VALUES*\"",
        "              ->  Values Scan on \"*VALUES*\""), plan(L + " UNION " + R + " ORDER BY 1").explain());
  }

  @Test
  void intersectAndExceptFollowPostgres() {
    assertEquals(Arrays.asList(1, 1, null), sorted(L + " INTERSECT ALL " + R));
    assertEquals(Arrays.asList(1, null), sorted(L + " INTERSECT " + R));
    assertEquals(Arrays.asList(1, 2, null), sorted(L + " EXCEPT ALL " + R));
    assertEquals(List.of(2), sorted(L + " EXCEPT " + R));
  }

  @Test
  void inputsAreBroughtToTheCommonType() {
    // PostgreSQL prints 1 and 2.5 (numeric without typmod); Calcite casts the inputs to numeric(11,1) before
    // the plan is built, so 1 arrives as 1.0 here: equal values, not yet the same text.
    List<Object> rows = sorted("SELECT 1 UNION ALL SELECT 2.5 UNION ALL SELECT x FROM (VALUES (1)) v(x) WHERE x > 5");
    assertEquals(0, new java.math.BigDecimal("1").compareTo((java.math.BigDecimal) rows.get(0)));
    assertEquals(0, new java.math.BigDecimal("2.5").compareTo((java.math.BigDecimal) rows.get(1)));
  }
}
