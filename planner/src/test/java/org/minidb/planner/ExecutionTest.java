package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;

/**
 * Plans that need no storage (VALUES, expressions) run through the executor: the compiled expressions,
 * sorts, limits, aggregates and joins the planner builds compute PostgreSQL's answers.
 */
class ExecutionTest {
  private static final Planner PLANNER = new Planner();

  private static List<List<Object>> run(String sql, Object... params) {
    return runIn(ZoneId.of("UTC"), sql, params);
  }

  private static List<List<Object>> runIn(ZoneId zone, String sql, Object... params) {
    PlannedStatement p = (PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of());
    ExecContext ctx = new ExecContext(null, null, null, params, zone, Instant.now(), 1 << 20);
    List<List<Object>> rows = new ArrayList<>();
    try (Operator op = Executor.build(p.plan(), ctx)) {
      op.open();
      for (Object[] row = op.next(); row != null && rows.size() < 1000; row = op.next()) {
        rows.add(java.util.Arrays.asList(row.clone()));
      }
    }
    return rows;
  }

  @Test
  void expressionsWithParameters() {
    assertEquals(List.of(List.of(6, "ab", "X", "big")),
        run("SELECT 1 + $1, 'a' || 'b', upper('x'), CASE WHEN $1 > 1 THEN 'big' ELSE 'small' END", 5));
  }

  @Test
  void versionLooksLikePostgres() {
    assertTrue(((String) run("SELECT version()").get(0).get(0)).startsWith("PostgreSQL 15"));
  }

  @Test
  void filterProjectSortOverValues() {
    assertEquals(List.of(List.of(6), List.of(4)),
        run("SELECT x * 2 AS y FROM (VALUES (1), (2), (3)) AS v(x) WHERE x > 1 ORDER BY y DESC"));
  }

  @Test
  void limitAndOffsetParameters() {
    assertEquals(List.of(List.of(2), List.of(3)),
        run("SELECT x FROM (VALUES (4), (2), (3), (1)) v(x) ORDER BY x LIMIT $1 OFFSET 1", 2L));
  }

  @Test
  void aggregates() {
    List<Object> row = run("SELECT count(*), sum(x), avg(x), max(x) FROM (VALUES (1), (2), (3)) v(x)").get(0);
    assertEquals(3L, row.get(0));
    assertEquals(6L, row.get(1));
    assertEquals(0, new BigDecimal("2").compareTo((BigDecimal) row.get(2)));
    assertEquals(3, row.get(3));
  }

  @Test
  void hashJoinOfValues() {
    assertEquals(List.of(List.of(2, "two")), run("SELECT a.x, b.y FROM (VALUES (1), (2)) a(x) "
        + "JOIN (VALUES (2, 'two'), (3, 'three')) b(k, y) ON a.x = b.k"));
  }

  @Test
  void betweenAndInBecomeSearchesThatStillWork() {
    assertEquals(List.of(List.of(5), List.of(10)),
        run("SELECT x FROM (VALUES (1), (5), (10), (11)) v(x) WHERE x BETWEEN 2 AND 10 AND x IN (5, 10, 11)"));
  }

  @Test
  void nullsCastsAndPatterns() {
    List<Object> row = run("SELECT NULL IS NULL, coalesce(NULL, 3), nullif(1, 1), 7 / 2, 7 % 3, "
        + "'abc' LIKE 'a%', 'ABC' ILIKE 'a%', '12'::int + 1, 1.25::numeric(3,1), CAST(3 AS text)").get(0);
    assertArrayEquals(new Object[] {true, 3, null, 3, 1, true, true, 13, new BigDecimal("1.3"), "3"}, row.toArray());
  }

  @Test
  void literalCastsFailAtPlanningAsInPostgres() {
    org.minidb.common.error.DbException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.minidb.common.error.DbException.class,
        () -> PLANNER.prepare("SELECT a FROM t WHERE a = 'abc'", TestCatalog.INSTANCE, List.of()));
    assertEquals("22P02", e.sqlState());
  }

  @Test
  void unconstrainedNumericKeepsTheLiteralsDigits() {
    List<Object> row = run("SELECT 1.5::numeric, 10::numeric, CAST('2.50' AS numeric)").get(0);
    assertEquals("1.5", ((BigDecimal) row.get(0)).toPlainString());
    assertEquals("10", ((BigDecimal) row.get(1)).toPlainString());
    assertEquals("2.50", ((BigDecimal) row.get(2)).toPlainString());
  }

  @Test
  void inSubQueryUnderOr() {
    assertEquals(List.of(List.of(1), List.of(3)), run("SELECT x FROM (VALUES (1), (2), (3)) v(x) "
        + "WHERE x = 1 OR x IN (SELECT y FROM (VALUES (3), (4)) w(y)) ORDER BY x"));
  }

  @Test
  void timestamptzLiteralsAreReadInTheSessionTimeZone() {
    List<Object> row = runIn(ZoneId.of("America/New_York"),
        "SELECT '2020-01-01 10:00:00'::timestamptz, TIMESTAMP '2020-01-01 10:00:00', DATE '2020-01-02'").get(0);
    assertEquals(Instant.parse("2020-01-01T15:00:00Z"), row.get(0));
    assertEquals(java.time.LocalDateTime.parse("2020-01-01T10:00:00"), row.get(1));
    assertEquals(java.time.LocalDate.parse("2020-01-02"), row.get(2));
  }

  @Test
  void dateArithmeticWithIntegers() {
    List<Object> row = run("SELECT DATE '2020-01-30' + 3, 2 + DATE '2020-02-28', DATE '2020-03-01' - 1, "
        + "DATE '2020-03-01' - DATE '2020-02-01'").get(0);
    assertEquals(List.of(java.time.LocalDate.parse("2020-02-02"), java.time.LocalDate.parse("2020-03-01"),
        java.time.LocalDate.parse("2020-02-29"), 29), row);
  }

  @Test
  void stringFunctionsWithSqlSyntax() {
    List<Object> row = run("SELECT trim('  x  '), trim(leading 'x' from 'xxay'), position('b' in 'abc'), "
        + "substring('hello' from 2 for 3), 1 || 'a', 'a' || 2.5, upper('q') || lower('Q')").get(0);
    assertEquals(List.of("x", "ay", 2, "ell", "1a", "a2.5", "Qq"), row);
  }

  @Test
  void stringLiteralsAreTextNotBlankPaddedChar() {
    assertEquals(List.of(List.of(false, "abc  x", "x  ")),
        run("SELECT 'a ' = 'a', 'abc  ' || 'x', v FROM (VALUES ('x  ')) AS w(v)"));
  }

  @Test
  void aggregateFilter() {
    assertEquals(List.of(List.of(2L, 5L, 3L)), run("SELECT count(*) FILTER (WHERE x > 1), "
        + "sum(x) FILTER (WHERE x > 1), count(x) FROM (VALUES (1), (2), (3)) v(x)"));
  }

  @Test
  void bpcharComparesWithoutTrailingBlanks() {
    assertEquals(List.of(List.of(true, false)),
        run("SELECT c = 'ab  ', CAST(c AS text) = 'ab  ' FROM (VALUES (CAST('ab' AS char(4)))) AS v(c)"));
  }

  @Test
  void scalarSubQueryOfOneRow() {
    assertEquals(List.of(List.of(1, "one"), List.of(2, "two")), run("SELECT x, (SELECT n FROM (VALUES (1, 'one'), "
        + "(2, 'two')) w(k, n) WHERE w.k = v.x) FROM (VALUES (1), (2)) v(x) ORDER BY x"));
  }

  @Test
  void uncorrelatedScalarSubQuery() {
    assertEquals(List.of(java.util.Arrays.asList(1, null)),
        run("SELECT (SELECT k FROM (VALUES (1)) w(k)), (SELECT k FROM (VALUES (1)) w(k) WHERE k > 5)"));
  }

  @Test
  void scalarSubQueryOfSeveralRowsFails() {
    org.minidb.common.error.DbException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.minidb.common.error.DbException.class,
        () -> run("SELECT (SELECT k FROM (VALUES (1), (2)) w(k))"));
    assertEquals("21000", e.sqlState());
    assertEquals("more than one row returned by a subquery used as an expression", e.getMessage());
  }

  @Test
  void notInWithNullsFollowsThreeValuedLogic() {
    assertEquals(List.of(), run("SELECT x FROM (VALUES (1), (2)) v(x) "
        + "WHERE x NOT IN (SELECT y FROM (VALUES (2), (CAST(NULL AS int))) w(y))"));
    assertEquals(List.of(List.of(1)), run("SELECT x FROM (VALUES (1), (2)) v(x) "
        + "WHERE x NOT IN (SELECT y FROM (VALUES (2), (3)) w(y))"));
  }
}
