package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.planner.Rows.row;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;

/** PostgreSQL's EXPLAIN statement: the plan text as rows of one QUERY PLAN column; errors as PostgreSQL 15's. */
class ExplainStatementTest {
  private static final Planner PLANNER = new Planner();

  private static PlannedStatement plan(String sql) {
    return (PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of());
  }

  @Test
  void planTextAsRowsOfOneTextColumn() {
    PlannedStatement p = plan("EXPLAIN (COSTS off, ANALYZE false, VERBOSE) SELECT a FROM t WHERE a = 1");
    assertTrue(p.isExplain());
    assertEquals(StatementKind.SELECT, p.kind());
    assertEquals(List.of(new ResultColumn("QUERY PLAN", DataType.TEXT, 0, 0)), p.columns());
    assertEquals(List.of(row("Seq Scan on t"), row("  Filter: (a = 1)")),
        Rows.of("EXPLAIN (COSTS off) SELECT a FROM t WHERE a = 1"));
    // PostgreSQL 15's text, costs included.
    assertEquals(List.of(row("Values Scan on \"*VALUES*\"  (cost=0.00..0.03 rows=1 width=4)"), row("  Filter: (x > 1)")),
        Rows.of("explain select * from (values (1),(2)) v(x) where x > 1"));
    assertEquals(List.of(row("Delete on t"), row("  ->  Seq Scan on t"), row("        Filter: (a = 1)")),
        Rows.of("EXPLAIN (VERBOSE, COSTS false) DELETE FROM t WHERE a = 1"));
  }

  @Test
  void parametersOfTheExplainedStatement() {
    assertEquals(List.of(DataType.INT4), plan("EXPLAIN SELECT a FROM t WHERE a = $1").parameterTypes());
  }

  @Test
  void errorsAsInPostgres() {
    assertEquals("42601", error("EXPLAIN (foo) SELECT 1").sqlState());
    assertEquals("unrecognized EXPLAIN option \"foo\"", error("EXPLAIN (foo) SELECT 1").getMessage());
    assertEquals("analyze requires a Boolean value", error("EXPLAIN (ANALYZE maybe) SELECT 1").getMessage());
    assertEquals("22023", error("EXPLAIN (FORMAT xml2) SELECT 1").sqlState());
    assertEquals("EXPLAIN option TIMING requires ANALYZE", error("EXPLAIN (COSTS OFF, TIMING) SELECT 1").getMessage());
    assertEquals("syntax error at or near \"CREATE\"", error("EXPLAIN CREATE TABLE z (a int)").getMessage());
    assertEquals("0A000", error("EXPLAIN (FORMAT XML) SELECT 1").sqlState());
  }

  private static DbException error(String sql) {
    return assertThrows(DbException.class, () -> PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of()));
  }
}
