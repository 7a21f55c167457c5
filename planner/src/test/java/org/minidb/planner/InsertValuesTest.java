package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;
import org.minidb.executor.plan.InsertNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.ValuesNode;

/**
 * A long {@code INSERT ... VALUES} list is planned as one VALUES node (not a union of one-row inputs, which
 * planned in quadratic time), with PostgreSQL's per-column assignment typing and errors intact.
 */
class InsertValuesTest {
  private static final Planner PLANNER = new Planner();
  private static final int ROWS = 2000;

  private static PlannedStatement plan(String sql) {
    return (PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of());
  }

  /** {@code INSERT INTO table VALUES row(1), ..., row(ROWS)}, with row {@code special} replaced. */
  private static String insert(String table, String row, int special, String specialRow) {
    StringBuilder sb = new StringBuilder("INSERT INTO " + table + " VALUES ");
    for (int i = 1; i <= ROWS; i++) {
      if (i > 1) sb.append(", ");
      sb.append(i == special ? specialRow : row.replace("#", Integer.toString(i)));
    }
    return sb.toString();
  }

  /** The rows the INSERT's source produces, without storage. */
  private static List<List<Object>> rows(PlanNode node, Object... params) {
    ExecContext ctx = new ExecContext(null, null, null, params, ZoneId.of("UTC"), Instant.now(), 1 << 20);
    List<List<Object>> out = new ArrayList<>();
    try (Operator op = Executor.build(((InsertNode) node).source(), ctx)) {
      op.open();
      for (Object[] row = op.next(); row != null && out.size() <= ROWS; row = op.next()) {
        out.add(Arrays.asList(row.clone()));
      }
    }
    return out;
  }

  @Test
  void longValuesListIsOneValuesNode() {
    PlannedStatement p = plan(insert("t", "(#, 'x', 2)", 7, "($1, NULL, 1 + 2)"));
    InsertNode insert = assertInstanceOf(InsertNode.class, p.plan());
    ValuesNode values = assertInstanceOf(ValuesNode.class, insert.source());
    assertEquals(ROWS, values.rows().size());
    assertEquals(List.of("Insert on t", "  ->  Values Scan on \"*VALUES*\""), p.explain());
    List<List<Object>> rows = rows(p.plan(), 70);
    assertEquals(ROWS, rows.size());
    assertEquals(List.of(1, "x", new BigDecimal("2.00")), rows.get(0));
    assertEquals(Arrays.asList(70, null, new BigDecimal("3.00")), rows.get(6));
    assertEquals(List.of(ROWS, "x", new BigDecimal("2.00")), rows.get(ROWS - 1));
  }

  @Test
  void columnListAndDefaultKeepTheirMeaning() {
    PlannedStatement p = plan(insert("t (c, a)", "(#.5, #)", 0, ""));
    // The column list is a projection (columns reordered, b NULL) over the one VALUES node.
    ProjectNode project = assertInstanceOf(ProjectNode.class, ((InsertNode) p.plan()).source());
    assertEquals(ROWS, assertInstanceOf(ValuesNode.class, project.input()).rows().size());
    assertEquals(Arrays.asList(3, null, new BigDecimal("3.50")), rows(p.plan()).get(2));
    // DEFAULT (the column's default expression) in a long list.
    p = plan(insert("t", "(#, 'y', DEFAULT)", 0, ""));
    assertEquals(List.of(5, "y", new BigDecimal("1.50")), rows(p.plan()).get(4));
  }

  @Test
  void assignmentErrorsStillComeOut() {
    // 42804 at validation, with the position of the offending value.
    String sql = insert("t", "(#, 'x', 2)", 1500, "('a'::text, 'x', 2)");
    DbException e = assertThrows(DbException.class, () -> plan(sql));
    assertEquals("42804", e.sqlState());
    assertEquals("column \"a\" is of type integer but expression is of type text", e.getMessage());
    assertEquals(sql.indexOf("'a'::text") + 1, e.position());
    // 22001 and 22003 on assignment, at execution.
    e = assertThrows(DbException.class,
        () -> rows(plan(insert("\"Mixed\" (\"Id\", v)", "(#, 'ab')", 1999, "(1, 'abcdefg')")).plan()));
    assertEquals("22001", e.sqlState());
    e = assertThrows(DbException.class,
        () -> rows(plan(insert("t (a, c)", "(#, 1.5)", 1200, "(1, 123456789.5)")).plan()));
    assertEquals("22003", e.sqlState());
  }
}
