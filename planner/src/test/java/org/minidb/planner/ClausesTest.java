package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.minidb.planner.Rows.row;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WITH, DISTINCT, count(DISTINCT), HAVING, ORDER BY (directions, NULLS FIRST/LAST, positions, aliases), CASE,
 * COALESCE, NULLIF, GREATEST, LEAST, LIKE/ILIKE, BETWEEN and IN lists; every answer is PostgreSQL 15's.
 */
class ClausesTest {
  private static final String A = "WITH a(x, g) AS (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (NULL, 'b'), (2, NULL)) ";

  private static List<Object> column(String sql) { return Rows.of(sql).stream().map(r -> r.get(0)).toList(); }

  @Test
  void commonTableExpressionsReferToEachOther() {
    assertEquals(List.of(row(null, 1L), row("a", 2L), row("b", 2L)),
        Rows.of(A + ", c AS (SELECT g, count(*) AS n FROM a GROUP BY g) SELECT * FROM c ORDER BY g NULLS FIRST"));
    assertEquals(List.of(row("a", 2, 2, "a"), row("b", 3, 3, "b")), Rows.of("WITH a(x, g) AS (VALUES (1, 'a'), "
        + "(2, 'a'), (3, 'b')), b AS (SELECT * FROM a WHERE x > 1), c AS (SELECT g, max(x) m FROM b GROUP BY g) "
        + "SELECT * FROM c, b WHERE c.m = b.x ORDER BY 1"));
  }

  @Test
  void distinct() {
    assertEquals(java.util.Arrays.asList(1, 2, 3, null), column(A + "SELECT DISTINCT x FROM a ORDER BY x"));
    assertEquals(List.of(row(1, "a"), row(2, "a"), row(2, null), row(3, "b"), row(null, "b")),
        Rows.of(A + "SELECT DISTINCT x, g FROM a ORDER BY 1, 2"));
  }

  @Test
  void countDistinct() {
    assertEquals(List.of(row(3L, 4L, 5L, 2L, 6L)),
        Rows.of(A + "SELECT count(DISTINCT x), count(x), count(*), count(DISTINCT g), sum(DISTINCT x) FROM a"));
    assertEquals(List.of(row("a", 2L, 3L), row("b", 1L, 3L), row(null, 1L, 2L)),
        Rows.of(A + "SELECT g, count(DISTINCT x), sum(x) FROM a GROUP BY g ORDER BY g"));
    assertEquals(List.of(row("a", 2L, 1L), row("b", 1L, 1L), row(null, 1L, 0L)),
        Rows.of(A + "SELECT g, count(DISTINCT x), count(DISTINCT g) FROM a GROUP BY g ORDER BY g"));
  }

  @Test
  void having() {
    assertEquals(List.of(row("a", 2L), row("b", 2L)),
        Rows.of(A + "SELECT g, count(*) FROM a GROUP BY g HAVING count(*) > 1 ORDER BY g"));
    assertEquals(List.of(row(5L)), Rows.of(A + "SELECT count(*) FROM a HAVING count(*) > 1"));
  }

  @Test
  void orderByDirectionsAndNulls() {
    assertEquals(java.util.Arrays.asList(null, 3, 2, 2, 1), column(A + "SELECT x FROM a ORDER BY x DESC"));
    assertEquals(java.util.Arrays.asList(3, 2, 2, 1, null), column(A + "SELECT x FROM a ORDER BY x DESC NULLS LAST"));
    assertEquals(java.util.Arrays.asList(null, 1, 2, 2, 3), column(A + "SELECT x FROM a ORDER BY x NULLS FIRST"));
    assertEquals(List.of(row(null, "b"), row(1, "a"), row(2, null), row(2, "a"), row(3, "b")),
        Rows.of(A + "SELECT x AS y, g FROM a ORDER BY y ASC NULLS FIRST, g DESC"));
    assertEquals(List.of(row(null, "b"), row(4, "b"), row(3, null), row(3, "a"), row(2, "a")),
        Rows.of(A + "SELECT x + 1 AS y, g FROM a ORDER BY 1 DESC, 2 NULLS FIRST"));
    assertEquals(java.util.Arrays.asList("b", "b", "a", null, "a"), column(A + "SELECT g FROM a ORDER BY x DESC, g"));
  }

  @Test
  void conditionalExpressions() {
    assertEquals(List.of(row(1, "one", null), row(2, "two", 20), row(2, "two", 20), row(3, "other", 30),
        row(null, "other", null)), Rows.of(A + "SELECT x, CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'other' "
        + "END, CASE WHEN x > 1 THEN x * 10 END FROM a ORDER BY 1, 2"));
    assertEquals(List.of(row(3, "x", 2, null, 5, 2, 3, null, "b", new BigDecimal("1.5"))),
        Rows.of("SELECT coalesce(NULL, NULL, 3), coalesce(NULL::text, 'x'), nullif(2, 1), nullif('a', 'a'), "
            + "greatest(1, 5, 3), least(4, 2, 8), greatest(1, NULL, 3), least(NULL::int, NULL), "
            + "greatest('a', 'b'), least(1.5, 2)"));
  }

  @Test
  void patterns() {
    String s = "WITH a(s) AS (VALUES ('abc'), ('ABC'), ('xbz'), (NULL), ('a_c'), ('a%')) ";
    assertEquals(List.of(row("ABC", false, true, true, false, false, false), row("a%", true, true, true, false, false,
        false), row("a_c", true, true, true, true, false, false), row("abc", true, true, false, false, false, true),
        row("xbz", false, false, false, false, true, true), row(null, null, null, null, null, null, null)),
        Rows.of(s + "SELECT s, s LIKE 'a%', s ILIKE 'a%', s NOT LIKE '%b%', s LIKE 'a\\_c', s NOT ILIKE 'A%', "
            + "s LIKE '_b_' FROM a ORDER BY 1"));
    assertEquals(List.of("a%", "a_c", "abc"), column(s + "SELECT s FROM a WHERE s LIKE 'a%' ESCAPE '#' ORDER BY 1"));
  }

  @Test
  void betweenAndInLists() {
    assertEquals(List.of(row(1, false, true, false, true, false, true, null),
        row(5, true, false, true, false, true, null, false), row(10, true, false, true, true, false, null, null),
        row(null, null, null, null, null, null, null, null)),
        Rows.of("WITH a(x) AS (VALUES (1), (5), (10), (NULL)) SELECT x, x BETWEEN 2 AND 10, x NOT BETWEEN 2 AND 10, "
            + "x BETWEEN SYMMETRIC 10 AND 2, x IN (1, 10), x NOT IN (1, 10), x IN (1, NULL), x NOT IN (5, NULL) "
            + "FROM a ORDER BY 1"));
    assertEquals(List.of("c", "a"),
        column("WITH a(s) AS (VALUES ('b'), ('a'), ('c')) SELECT s FROM a WHERE s IN ('a', 'c') ORDER BY s DESC"));
  }

  @Test
  void groupByAliasAndPosition() {
    assertEquals(List.of(row("a", 3L), row("b", 3L)), Rows.of("WITH a(x, g) AS (VALUES (1, 'a'), (2, 'a'), "
        + "(3, 'b')) SELECT g AS grp, sum(x) AS total FROM a GROUP BY grp ORDER BY total DESC, 1"));
    assertEquals(List.of(row("a", 3L), row("b", 3L)), Rows.of("WITH a(x, g) AS (VALUES (1, 'a'), (2, 'a'), "
        + "(3, 'b')) SELECT g, sum(x) FROM a GROUP BY 1 ORDER BY 2, 1"));
  }
}
