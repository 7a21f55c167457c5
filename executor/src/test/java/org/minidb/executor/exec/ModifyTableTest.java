package org.minidb.executor.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.minidb.executor.expr.Exprs.literal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.ArithmeticOp;
import org.minidb.executor.expr.CompareOp;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.DeleteNode;
import org.minidb.executor.plan.InsertNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.SeqScanNode;
import org.minidb.executor.plan.UpdateNode;
import org.minidb.storage.catalog.CheckConstraint;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * INSERT, UPDATE, DELETE and Seq Scan over an in-memory double of the storage contract (the real engine's
 * tests belong with it). Errors as PostgreSQL 15 gives them for
 * {@code create table t(a int not null, b varchar(3), c numeric(5,2) check (c > 0))}.
 */
class ModifyTableTest {
  private static final TableDef T = new TableDef(16384, 2200, "public", "t", 16384, List.of(
      new ColumnDef("a", 1, DataType.INT4, true, null),
      new ColumnDef("b", 2, DataType.varchar(3), false, null),
      new ColumnDef("c", 3, DataType.numeric(5, 2), false, null)),
      List.of(new CheckConstraint("t_c_check", "c > 0")));
  private static final List<Expr> CHECKS = List.of(
      Exprs.compare(CompareOp.GT, Exprs.column(2), literal(BigDecimal.ZERO), PgType.NUMERIC));

  private MemoryStorage storage;
  private MemoryStorage.MemoryTransaction tx;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    storage = new MemoryStorage();
    tx = new MemoryStorage.MemoryTransaction();
    ctx = newContext();
  }

  private ExecContext newContext() {
    return new ExecContext(storage, tx, tx.snapshot(), new Object[0], ZoneOffset.UTC, Instant.EPOCH, 4 << 20);
  }

  private long execute(PlanNode plan) {
    ctx = newContext();
    return Executor.run(plan, ctx);
  }

  private long insert(Object[]... rows) {
    List<DataType> types = T.columns().stream().map(ColumnDef::type).toList();
    return execute(new InsertNode(T, OperatorsTest.values(types, rows), CHECKS));
  }

  private List<List<Object>> scan(Expr filter) {
    List<List<Object>> out = new ArrayList<>();
    try (Operator op = Executor.build(new SeqScanNode(T, filter, false), newContext())) {
      op.open();
      Object[] row;
      for (int guard = 0; guard < 10_000 && (row = op.next()) != null; guard++) out.add(Arrays.asList(row.clone()));
    }
    return out;
  }

  @Test
  void insertCoercesAndScanFilters() {
    assertEquals(2, insert(new Object[] {1, "ab  ", new BigDecimal("1.234")}, new Object[] {2, null, null}));
    assertEquals(List.of(T.oid()), tx.locked);
    assertEquals(List.of(Arrays.asList(1, "ab ", new BigDecimal("1.23")), Arrays.asList(2, null, null)), scan(null));
    Expr aIs2 = Exprs.compare(CompareOp.EQ, Exprs.column(0), literal(2), PgType.INT4);
    assertEquals(List.of(Arrays.asList(2, null, null)), scan(aIs2));
    assertEquals(0, storage.scansOpen);
  }

  @Test
  void constraintViolations() {
    DbException e = assertThrows(DbException.class, () -> insert(new Object[] {null, "a", BigDecimal.ONE}));
    assertEquals("23502", e.sqlState());
    assertEquals("null value in column \"a\" of relation \"t\" violates not-null constraint", e.getMessage());
    assertEquals("Failing row contains (null, a, 1.00).", e.detail());
    e = assertThrows(DbException.class, () -> insert(new Object[] {1, "abcd", BigDecimal.ONE}));
    assertEquals("22001", e.sqlState());
    assertEquals("value too long for type character varying(3)", e.getMessage());
    e = assertThrows(DbException.class, () -> insert(new Object[] {1, "ab", new BigDecimal("-1")}));
    assertEquals("23514", e.sqlState());
    assertEquals("new row for relation \"t\" violates check constraint \"t_c_check\"", e.getMessage());
    assertEquals("Failing row contains (1, ab, -1.00).", e.detail());
    e = assertThrows(DbException.class, () -> insert(new Object[] {1, "ab", new BigDecimal("1234.5")}));
    assertEquals("22003", e.sqlState());
    assertEquals("numeric field overflow", e.getMessage());
    assertEquals(0, storage.scansOpen);
  }

  @Test
  void updateAndDeleteByTid() {
    insert(new Object[] {1, "a", BigDecimal.ONE}, new Object[] {2, "b", BigDecimal.TEN});
    // UPDATE t SET c = c * 2 WHERE a = 1: new row (a, b, c * 2) followed by the tid.
    Expr aIs1 = Exprs.compare(CompareOp.EQ, Exprs.column(0), literal(1), PgType.INT4);
    PlanNode source = new ProjectNode(new SeqScanNode(T, aIs1, true), List.of(Exprs.column(0), Exprs.column(1),
        Exprs.arithmetic(ArithmeticOp.MULTIPLY, Exprs.column(2), literal(new BigDecimal("2")), DataType.NUMERIC),
        Exprs.column(3)), List.of(DataType.INT4, DataType.varchar(3), DataType.NUMERIC, DataType.INT8));
    assertEquals(1, execute(new UpdateNode(T, source, CHECKS)));
    assertEquals(List.of(Arrays.asList(2, "b", new BigDecimal("10.00")), Arrays.asList(1, "a", new BigDecimal("2.00"))),
        scan(null));
    // UPDATE t SET c = -c violates the check: nothing is counted past the error.
    PlanNode bad = new ProjectNode(new SeqScanNode(T, null, true), List.of(Exprs.column(0), Exprs.column(1),
        Exprs.negate(Exprs.column(2), DataType.NUMERIC), Exprs.column(3)),
        List.of(DataType.INT4, DataType.varchar(3), DataType.NUMERIC, DataType.INT8));
    assertThrows(DbException.class, () -> execute(new UpdateNode(T, bad, CHECKS)));
    assertEquals(0, storage.scansOpen);
    // DELETE FROM t WHERE a = 2
    Expr aIs2 = Exprs.compare(CompareOp.EQ, Exprs.column(0), literal(2), PgType.INT4);
    assertEquals(1, execute(new DeleteNode(T, new SeqScanNode(T, aIs2, true))));
    assertEquals(1, scan(null).size());
  }
}
