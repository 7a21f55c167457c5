package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minidb.common.error.DbException;

/** CREATE TABLE's DEFAULT and CHECK expressions are validated against the new columns. */
class DdlValidationTest {
  private static final Planner PLANNER = new Planner();

  @Test
  void validTableComesThrough() {
    CreateTableStatement c = assertInstanceOf(CreateTableStatement.class, PLANNER.prepare(
        "CREATE TABLE n (a int DEFAULT 1 CHECK (a > 0), b text DEFAULT 'x', ts timestamptz DEFAULT now(), "
            + "CHECK (a < 100 OR b IS NULL))", TestCatalog.INSTANCE, List.of()));
    assertEquals(3, c.columns().size());
    assertEquals(2, c.checks().size());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      CREATE TABLE x1 (a int DEFAULT b)         | 0A000 | cannot use column reference in DEFAULT expression
      CREATE TABLE x2 (a int CHECK (zz > 0))    | 42703 | column "zz" does not exist
      CREATE TABLE x3 (a int CHECK (a + 1))     | 42804 | argument of CHECK must be type boolean, not type integer
      CREATE TABLE x5 (a int DEFAULT now())     | 42804 | column "a" is of type integer but default expression is of type timestamp with time zone
      CREATE TABLE x6 (a int DEFAULT foo())     | 42883 | function foo() does not exist
      """)
  void postgresErrors(String sql, String sqlState, String message) {
    DbException e = assertThrows(DbException.class, () -> PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of()));
    assertEquals(sqlState, e.sqlState(), e.getMessage());
    assertEquals(message, e.getMessage());
  }
}
