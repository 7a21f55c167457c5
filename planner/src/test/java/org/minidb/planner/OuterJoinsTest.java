package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.planner.Rows.row;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outer, cross, USING and NATURAL joins and joins of many tables; every answer is PostgreSQL 15's. */
class OuterJoinsTest {
  private static final String AB = "WITH a(x, y) AS (VALUES (1, 'a'), (2, 'b'), (NULL, 'n')), "
      + "b(x, z) AS (VALUES (2, 'B'), (3, 'C'), (NULL, 'N')) ";
  private static final String ABC = "WITH a(x, y) AS (VALUES (1, 'a'), (2, 'b')), b(x, z) AS (VALUES (2, 'B'), "
      + "(3, 'C')), c(z, w) AS (VALUES ('B', 10), ('C', 20), ('D', 30)) ";

  @Test
  void leftJoinKeepsUnmatchedLeftRows() {
    assertEquals(List.of(row(1, "a", null, null), row(2, "b", 2, "B"), row(null, "n", null, null)),
        Rows.of(AB + "SELECT * FROM a LEFT JOIN b ON a.x = b.x ORDER BY 1, 2, 3, 4"));
  }

  @Test
  void rightJoinKeepsUnmatchedRightRowsInTheStatementsColumnOrder() {
    String sql = AB + "SELECT * FROM a RIGHT JOIN b ON a.x = b.x ORDER BY 1, 2, 3, 4";
    assertEquals(List.of(row(2, "b", 2, "B"), row(null, null, 3, "C"), row(null, null, null, "N")), Rows.of(sql));
    assertTrue(Rows.explain(sql).stream().anyMatch(l -> l.contains("Hash Left Join")), "hash join, inputs swapped");
  }

  @Test
  void rightJoinWithResidualCondition() {
    assertEquals(List.of(row(2, "b", 2, "B"), row(null, null, 3, "C"), row(null, null, null, "N")),
        Rows.of(AB + "SELECT * FROM a RIGHT JOIN b ON a.x = b.x AND a.y <> b.z ORDER BY 3, 4"));
  }

  @Test
  void fullJoinKeepsBothSides() {
    List<List<Object>> expected = List.of(row(1, "a", null, null), row(2, "b", 2, "B"), row(null, "n", null, null),
        row(null, null, 3, "C"), row(null, null, null, "N"));
    assertEquals(expected, Rows.of(AB + "SELECT * FROM a FULL JOIN b ON a.x = b.x ORDER BY 1, 2, 3, 4"));
    assertEquals(expected, Rows.of(AB + "SELECT * FROM a FULL OUTER JOIN b ON a.x = b.x AND a.y < 'z' "
        + "ORDER BY 1, 2, 3, 4"));
  }

  @Test
  void crossJoinsAndCommaJoins() {
    assertEquals(List.of(row(1, "a", 2, "B"), row(1, "a", 3, "C"), row(2, "b", 2, "B"), row(2, "b", 3, "C")),
        Rows.of(ABC + "SELECT * FROM a CROSS JOIN b ORDER BY 1, 3"));
    assertEquals(List.of(row(1, 3, 5), row(1, 4, 5), row(2, 3, 5), row(2, 4, 5)), Rows.of("WITH a(x) AS (VALUES (1), "
        + "(2)), b(y) AS (VALUES (3), (4)), c(z) AS (VALUES (5)) SELECT * FROM a, b, c ORDER BY 1, 2"));
  }

  @Test
  void usingMergesTheJoinColumns() {
    assertEquals(List.of(row(2, "b", "B")), Rows.of(AB + "SELECT * FROM a JOIN b USING (x) ORDER BY 1"));
    assertEquals(List.of(row(1, "a", null), row(2, "b", "B"), row(null, "n", null)),
        Rows.of(AB + "SELECT * FROM a LEFT JOIN b USING (x) ORDER BY 1, 2"));
    assertEquals(List.of(row(1, "a", null), row(2, "b", "B"), row(3, null, "C"), row(null, "n", null),
        row(null, null, "N")), Rows.of(AB + "SELECT * FROM a FULL JOIN b USING (x) ORDER BY 1, 2, 3"));
    assertEquals(List.of(row(2, 2, 2), row(3, null, 3), row(null, null, null)),
        Rows.of(AB + "SELECT x, a.x, b.x FROM a RIGHT JOIN b USING (x) ORDER BY 1, 2, 3"));
  }

  @Test
  void naturalJoins() {
    assertEquals(List.of(row(2, "b", "B")), Rows.of(AB + "SELECT * FROM a NATURAL JOIN b"));
    assertEquals(List.of(row(1, "a", null), row(2, "b", "B"), row(3, null, "C"), row(null, "n", null),
        row(null, null, "N")), Rows.of(AB + "SELECT * FROM a NATURAL FULL JOIN b ORDER BY 1, 2, 3"));
  }

  @Test
  void chainsOfOuterJoins() {
    assertEquals(List.of(row("a", null, null), row("b", "B", 10)),
        Rows.of(ABC + "SELECT a.y, b.z, c.w FROM a LEFT JOIN b ON a.x = b.x LEFT JOIN c ON b.z = c.z ORDER BY 1"));
    assertEquals(List.of(row("b", "B", 10), row(null, "C", 20), row(null, null, 30)),
        Rows.of(ABC + "SELECT a.y, b.z, c.w FROM a RIGHT JOIN b ON a.x = b.x FULL JOIN c ON b.z = c.z ORDER BY 3"));
    assertEquals(List.of(row(10, "B", 2, "b", new BigDecimal("1.5"))), Rows.of(ABC + ", d(w, v) AS (VALUES (10, 1.5), "
        + "(30, 2.5)) SELECT * FROM a JOIN b USING (x) JOIN c USING (z) JOIN d USING (w) ORDER BY 1"));
  }

  @Test
  void conditionsOnTheNullableSide() {
    assertEquals(List.of(row(1, "a", null, null), row(2, "b", null, null)),
        Rows.of(ABC + "SELECT * FROM a LEFT JOIN b ON a.x = b.x AND b.z = 'C' ORDER BY 1"));
    assertEquals(List.of(row(1, "a", null, null)),
        Rows.of(ABC + "SELECT * FROM a LEFT JOIN b ON a.x = b.x WHERE b.x IS NULL"));
    assertEquals(List.of(row(null, null, 2, "B"), row(null, null, 3, "C")),
        Rows.of(ABC + "SELECT * FROM a RIGHT JOIN b ON a.x > b.x ORDER BY 3"));
  }

  @Test
  void fullJoinOfKeysOfDifferentTypes() {
    assertEquals(List.of(row(1, "a", null, null), row(2, "b", 2L, "B"), row(null, null, 3L, "C")),
        Rows.of("WITH a(x, y) AS (VALUES (1, 'a'), (2, 'b')), b(x, z) AS (VALUES (2::bigint, 'B'), (3, 'C')) "
            + "SELECT * FROM a FULL JOIN b ON a.x = b.x ORDER BY 1, 3"));
  }
}
