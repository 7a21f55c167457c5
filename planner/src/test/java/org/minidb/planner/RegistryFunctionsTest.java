package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;

/** Functions of the executor's registry are callable from SQL without a Calcite operator of their own. */
class RegistryFunctionsTest {
  private static final Planner PLANNER = new Planner();

  private static Object one(String sql) {
    PlannedStatement p = (PlannedStatement) PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of());
    ExecContext ctx = new ExecContext(null, null, null, new Object[0], ZoneId.of("UTC"), Instant.now(), 1 << 20);
    try (Operator op = Executor.build(p.plan(), ctx)) {
      op.open();
      return op.next()[0];
    }
  }

  @Test
  void registryFunctionsResolveByName() {
    assertEquals("x", one("SELECT pg_get_expr('x'::text, 1::oid)"));
    assertEquals(2, one("SELECT strpos('abc', 'b')"));
  }

  @Test
  void unknownArgumentTypesAreFunctionDoesNotExist() {
    // PostgreSQL 15: ERROR: function pg_get_expr(integer, integer) does not exist (42883)
    DbException e = assertThrows(DbException.class, () -> one("SELECT pg_get_expr(1, 2)"));
    assertEquals("42883", e.sqlState());
    assertEquals("function pg_get_expr(integer, integer) does not exist", e.getMessage());
  }
}
