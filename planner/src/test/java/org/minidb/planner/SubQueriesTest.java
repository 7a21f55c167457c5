package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.planner.Rows.row;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sub-queries in WHERE, the select list and HAVING, correlated or not, and derived tables; every answer is
 * PostgreSQL 15's. Each is decorrelated into joins and aggregates (the plan builder refuses a Correlate), so
 * none runs its sub-query once per outer row.
 */
class SubQueriesTest {
  private static final String A = "WITH a(x) AS (VALUES (1), (2), (NULL)), ";
  private static final String B23 = A + "b(y) AS (VALUES (2), (3)) ";
  private static final String B2NULL = A + "b(y) AS (VALUES (2), (NULL)) ";
  private static final String EMPTY = A + "b(y) AS (SELECT k FROM (VALUES (1)) w(k) WHERE k > 5) ";

  @Test
  void inAndNotInFollowThreeValuedLogic() {
    assertEquals(List.of(row(2)), Rows.of(B23 + "SELECT x FROM a WHERE x IN (SELECT y FROM b)"));
    assertEquals(List.of(row(1)), Rows.of(B23 + "SELECT x FROM a WHERE x NOT IN (SELECT y FROM b)"));
    assertEquals(List.of(), Rows.of(B2NULL + "SELECT x FROM a WHERE x NOT IN (SELECT y FROM b)"));
    String select = "SELECT x, x IN (SELECT y FROM b), x NOT IN (SELECT y FROM b) FROM a ORDER BY 1";
    assertEquals(List.of(row(1, null, null), row(2, true, false), row(null, null, null)), Rows.of(B2NULL + select));
    assertEquals(List.of(row(1, false, true), row(2, true, false), row(null, null, null)), Rows.of(B23 + select));
    assertEquals(List.of(row(1, false, true), row(2, false, true), row(null, false, true)), Rows.of(EMPTY + select));
  }

  @Test
  void existsAndNotExists() {
    assertEquals(List.of(row(2)), Rows.of(B23 + "SELECT x FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.y = a.x)"));
    assertEquals(List.of(row(1), row((Object) null)),
        Rows.of(B23 + "SELECT x FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.y = a.x) ORDER BY 1"));
    assertEquals(List.of(row(1), row(2), row((Object) null)),
        Rows.of(B23 + "SELECT x FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.y > 2) ORDER BY 1"));
    assertEquals(List.of(row(1, true), row(2, true), row(null, false)),
        Rows.of(B23 + "SELECT x, EXISTS (SELECT 1 FROM b WHERE b.y > a.x) FROM a ORDER BY 1"));
    assertEquals(List.of(row(1)), Rows.of("WITH a(x) AS (VALUES (1), (2), (3)) SELECT x FROM a WHERE EXISTS "
        + "(SELECT 1 FROM a b WHERE b.x = a.x + 1) AND NOT EXISTS (SELECT 1 FROM a c WHERE c.x = a.x - 1)"));
  }

  @Test
  void correlatedScalarSubQueries() {
    assertEquals(List.of(row(1, 3), row(2, 3), row(null, null)),
        Rows.of(B23 + "SELECT x, (SELECT max(y) FROM b WHERE b.y > a.x) FROM a ORDER BY 1"));
    assertEquals(List.of(row(1, 2L), row(2, 1L), row(null, 0L)),
        Rows.of(B23 + "SELECT x, (SELECT count(*) FROM b WHERE b.y > a.x) FROM a ORDER BY 1"));
    assertEquals(List.of(row(2)), Rows.of("WITH a(x) AS (VALUES (1), (2), (3)) "
        + "SELECT x FROM a WHERE (SELECT count(*) FROM a b WHERE b.x < a.x) = 1"));
    assertEquals(List.of(row(1, 2), row(2, 3), row(3, null)), Rows.of("WITH a(x) AS (VALUES (1), (2), (3)) "
        + "SELECT x, (SELECT x FROM a b WHERE b.x = a.x + 1) FROM a ORDER BY 1"));
  }

  @Test
  void uncorrelatedScalarSubQueryInWhere() {
    assertEquals(List.of(row(5)), Rows.of("WITH a(x) AS (VALUES (1), (2), (5)), b(y) AS (VALUES (2), (3)) "
        + "SELECT x FROM a WHERE x > (SELECT avg(y) FROM b) ORDER BY 1"));
  }

  @Test
  void anyAndAllWithNulls() {
    String select = "SELECT x, x < ANY (SELECT y FROM b), x < ALL (SELECT y FROM b), x = ANY (SELECT y FROM b), "
        + "x <> ALL (SELECT y FROM b) FROM a ORDER BY 1";
    assertEquals(List.of(row(1, true, true, false, true), row(2, true, false, true, false),
        row(null, null, null, null, null)), Rows.of(B23 + select));
    assertEquals(List.of(row(1, true, null, null, null), row(2, null, false, true, false),
        row(null, null, null, null, null)), Rows.of(B2NULL + select));
    assertEquals(List.of(row(1, false, true), row(2, false, true), row(null, false, true)),
        Rows.of(EMPTY + "SELECT x, x < ANY (SELECT y FROM b), x < ALL (SELECT y FROM b) FROM a ORDER BY 1"));
    String c = "WITH a(x) AS (VALUES (1), (2), (3)), b(y) AS (VALUES (2), (3)) ";
    assertEquals(List.of(row(3)), Rows.of(c + "SELECT x FROM a WHERE x >= ALL (SELECT y FROM b) ORDER BY 1"));
    assertEquals(List.of(row(3)), Rows.of(c + "SELECT x FROM a WHERE x > SOME (SELECT y FROM b) ORDER BY 1"));
  }

  @Test
  void correlatedInAndNotIn() {
    String c = "WITH a(x) AS (VALUES (1), (2), (3)), b(y, z) AS (VALUES (2, 1), (3, 3)) ";
    assertEquals(List.of(row(2)), Rows.of(c + "SELECT x FROM a WHERE x IN (SELECT y FROM b WHERE b.z < a.x)"));
    assertEquals(List.of(row(1), row(3)),
        Rows.of(c + "SELECT x FROM a WHERE x NOT IN (SELECT y FROM b WHERE b.z < a.x) ORDER BY 1"));
  }

  @Test
  void subQueriesInHaving() {
    String g = "WITH a(x, g) AS (VALUES (1, 'a'), (2, 'a'), (3, 'b')), ";
    assertEquals(List.of(row("a", 3L), row("b", 3L)), Rows.of(g + "b(y) AS (VALUES (2), (3)) "
        + "SELECT g, sum(x) FROM a GROUP BY g HAVING sum(x) > (SELECT min(y) FROM b) ORDER BY 1"));
    assertEquals(List.of(row("a", 3L), row("b", 3L)), Rows.of(g + "b(y) AS (VALUES (2), (3)) "
        + "SELECT g, sum(x) FROM a GROUP BY g HAVING max(x) IN (SELECT y FROM b) ORDER BY 1"));
    assertEquals(List.of(row("a", 3L)), Rows.of(g + "b(y, g) AS (VALUES (2, 'a'), (3, 'c')) "
        + "SELECT g, sum(x) FROM a GROUP BY g HAVING EXISTS (SELECT 1 FROM b WHERE b.g = a.g) ORDER BY 1"));
  }

  @Test
  void derivedTables() {
    String g = "WITH a(x, g) AS (VALUES (1, 'a'), (2, 'a'), (3, 'b')) ";
    assertEquals(List.of(row("a", 3L), row("b", 3L)),
        Rows.of(g + "SELECT s.g, s.t FROM (SELECT g, sum(x) AS t FROM a GROUP BY g) s WHERE s.t > 2 ORDER BY 1"));
    assertEquals(List.of(row("a", 3L, 2L), row("b", 3L, 1L)), Rows.of(g + "SELECT * FROM (SELECT g, sum(x) AS t "
        + "FROM a GROUP BY g) s JOIN (SELECT g, count(*) FROM a GROUP BY g) c USING (g) ORDER BY 1"));
  }

  @Test
  void subQueryUnderCaseAndOr() {
    String a = "WITH a(x) AS (VALUES (1), (2), (3)) ";
    assertEquals(List.of(row(1, "n"), row(2, "y"), row(3, "y")),
        Rows.of(a + "SELECT x, CASE WHEN x IN (SELECT x + 1 FROM a) THEN 'y' ELSE 'n' END FROM a ORDER BY 1"));
    assertEquals(List.of(row(1), row(3)),
        Rows.of(a + "SELECT x FROM a WHERE x IN (1, 3) OR EXISTS (SELECT 1 FROM a b WHERE b.x = a.x * 2) ORDER BY 1"));
  }

  @Test
  void correlatedExistsBecomesAJoin() {
    List<String> plan = Rows.explain(B23 + "SELECT x FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.y = a.x)");
    assertTrue(plan.stream().anyMatch(l -> l.contains("Join")), String.join("\n", plan));
    assertFalse(plan.stream().anyMatch(l -> l.contains("SubPlan")), String.join("\n", plan));
  }
}
