package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;
import org.minidb.executor.plan.InsertNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.UpdateNode;

/**
 * VALUES typed column by column and INSERT/UPDATE values assigned to their columns as PostgreSQL 15 does
 * (answers checked there): multi-row VALUES of literals, NULLs and parameters, varchar(n) and numeric(p,s)
 * raising 22001 and 22003 on assignment while an explicit cast truncates.
 */
class AssignmentTest {
  private static final Planner PLANNER = new Planner();

  private static PlannedStatement plan(String sql) {
    return (PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of());
  }

  /** Runs a plan, or the source of an INSERT/UPDATE (the rows it would write), without storage. */
  private static List<List<Object>> rows(PlanNode node, Object... params) {
    if (node instanceof InsertNode i) node = i.source();
    if (node instanceof UpdateNode u) node = u.source();
    ExecContext ctx = new ExecContext(null, null, null, params, ZoneId.of("UTC"), Instant.now(), 1 << 20);
    List<List<Object>> out = new ArrayList<>();
    try (Operator op = Executor.build(node, ctx)) {
      op.open();
      for (Object[] row = op.next(); row != null && out.size() < 100; row = op.next()) {
        out.add(Arrays.asList(row.clone()));
      }
    }
    return out;
  }

  @Test
  void defaultInValuesWithoutAColumnList() {
    // PostgreSQL: a column without a default takes NULL, one with a default takes it (c DEFAULT 1.5).
    List<List<Object>> rows = rows(plan("INSERT INTO t VALUES (1, DEFAULT, DEFAULT), (2, 'x', DEFAULT), "
        + "(3, DEFAULT, 2)").plan());
    assertEquals(Arrays.asList(1, null, new BigDecimal("1.50")), rows.get(0));
    assertEquals(Arrays.asList(2, "x", new BigDecimal("1.50")), rows.get(1));
    assertEquals(Arrays.asList(3, null, new BigDecimal("2.00")), rows.get(2));
  }

  @Test
  void multiRowInsertResolvesEachColumnAgainstItsTarget() {
    // "Mixed" is ("Id" int8, v varchar(5) DEFAULT 'x', ts timestamptz DEFAULT now()).
    PlannedStatement p = plan("INSERT INTO \"Mixed\" (\"Id\", v) VALUES (1, 'abc'), (2, NULL), (3.0, 'de')");
    List<List<Object>> rows = rows(p.plan());
    assertEquals(List.of(1L, "abc"), rows.get(0).subList(0, 2));
    assertEquals(Arrays.asList(2L, null), rows.get(1).subList(0, 2));
    assertEquals(List.of(3L, "de"), rows.get(2).subList(0, 2));
    // t is (a int4 NOT NULL, b text, c numeric(10,2)): integers and numerics unify, then are assigned.
    rows = rows(plan("INSERT INTO t VALUES (1, 'x', 1.255), (2, NULL, NULL), (3, 'z', 10)").plan());
    assertEquals(new BigDecimal("1.26"), rows.get(0).get(2));
    assertEquals(null, rows.get(1).get(2));
    assertEquals(new BigDecimal("10.00"), rows.get(2).get(2));
  }

  @Test
  void parametersAndExpressionsTakeTheColumnType() {
    PlannedStatement p = plan("INSERT INTO t (a, c) VALUES ($1, $2), (2 + 1, 7), ($3, NULL)");
    assertEquals(List.of(DataType.INT4, DataType.NUMERIC, DataType.INT4), p.parameterTypes());
    List<List<Object>> rows = rows(p.plan(), 1, new BigDecimal("2.5"), 9);
    assertEquals(new BigDecimal("2.50"), rows.get(0).get(2));
    assertEquals(3, rows.get(1).get(0));
    assertEquals(9, rows.get(2).get(0));
  }

  @Test
  void valuesOutsideInsertTypeLikePostgres() {
    PlannedStatement p = plan("VALUES (1), (2.5)");
    assertEquals(DataType.NUMERIC, p.columns().get(0).type());
    assertEquals(List.of(List.of(BigDecimal.ONE), List.of(new BigDecimal("2.5"))), rows(p.plan()));
    p = plan("SELECT * FROM (VALUES (1, 'a'), (2, NULL)) v(x, y)");
    assertEquals(DataType.INT4, p.columns().get(0).type());
    assertEquals(DataType.TEXT, p.columns().get(1).type());
    p = plan("VALUES ('2024-01-01'), (DATE '2024-01-02')");
    assertEquals(DataType.DATE, p.columns().get(0).type());
    assertEquals(LocalDate.of(2024, 1, 1), rows(p.plan()).get(0).get(0));
  }

  @Test
  void assignmentRaisesWhereAnExplicitCastTruncates() {
    DbException e = assertThrows(DbException.class,
        () -> rows(plan("INSERT INTO \"Mixed\" (v) VALUES ('abcdefg')").plan()));
    assertEquals("22001", e.sqlState());
    assertEquals("value too long for type character varying(5)", e.getMessage());
    // Trailing spaces may be cut off.
    assertEquals("abcde", rows(plan("INSERT INTO \"Mixed\" (v) VALUES ('abcde   ')").plan()).get(0).get(1));
    e = assertThrows(DbException.class, () -> rows(plan("UPDATE \"Mixed\" SET v = 'abcdefg'").plan()));
    assertEquals("22001", e.sqlState());
    PlannedStatement param = plan("INSERT INTO \"Mixed\" (v) VALUES ($1)");
    e = assertThrows(DbException.class, () -> rows(param.plan(), "abcdefg"));
    assertEquals("22001", e.sqlState());
    e = assertThrows(DbException.class,
        () -> rows(plan("INSERT INTO \"Mixed\" (v) SELECT 'abcdefg'").plan()));
    assertEquals("22001", e.sqlState());
    e = assertThrows(DbException.class, () -> rows(plan("INSERT INTO t (a, c) VALUES (1, 123456789.5)").plan()));
    assertEquals("22003", e.sqlState());
    assertEquals("numeric field overflow", e.getMessage());
    assertEquals("abc", rows(plan("SELECT 'abcdefg'::varchar(3)").plan()).get(0).get(0));
    assertEquals("abc", rows(plan("INSERT INTO \"Mixed\" (v) VALUES ('abcdefg'::varchar(3))").plan()).get(0).get(1));
  }

  @Test
  void typedValuesStillNeedAnAssignmentCast() {
    DbException e = assertThrows(DbException.class, () -> plan("INSERT INTO t (a) VALUES (1), ('x'::text)"));
    assertEquals("42804", e.sqlState());
    assertInstanceOf(PlannedStatement.class, PLANNER.prepare("INSERT INTO t (b) VALUES (1), ('x')",
        TestCatalog.INSTANCE, List.of()));
  }
}
