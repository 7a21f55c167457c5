package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minidb.common.error.DbException;

/** PostgreSQL 15's SQLSTATE, message and position for each validation failure (checked against psql). */
class ErrorsTest {
  private static final Planner PLANNER = new Planner();

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      SELECT * FROM x                      | 42P01 | relation "x" does not exist | 15
      SELECT zz FROM t                     | 42703 | column "zz" does not exist | 8
      SELECT t.zz FROM t                   | 42703 | column t.zz does not exist | 8
      SELECT x.a FROM t                    | 42P01 | missing FROM-clause entry for table "x" | 8
      SELECT foo(1)                        | 42883 | function foo(integer) does not exist | 8
      SELECT a FROM t WHERE a = b          | 42883 | operator does not exist: integer = text | 25
      SELECT 1 + 'x'::text                 | 42883 | operator does not exist: integer + text | 10
      SELECT a FROM t WHERE a              | 42804 | argument of WHERE must be type boolean, not type integer | 23
      SELECT a FROM t WHERE 1              | 42804 | argument of WHERE must be type boolean, not type integer | 23
      SELECT b, count(*) FROM t GROUP BY a | 42803 | column "t.b" must appear in the GROUP BY clause or be used in an aggregate function | 8
      INSERT INTO t VALUES (1,'x',2,3)     | 42601 | INSERT has more expressions than target columns | 31
      SELECT a FROM t, u                   | 42702 | column reference "a" is ambiguous | 8
      UPDATE t SET zz = 1                  | 42703 | column "zz" of relation "t" does not exist | 14
      INSERT INTO t (zz) VALUES (1)        | 42703 | column "zz" of relation "t" does not exist | 16
      INSERT INTO t (a) VALUES (now())     | 42804 | column "a" is of type integer but expression is of type timestamp with time zone | 27
      UPDATE t SET a = 'x'::text           | 42804 | column "a" is of type integer but expression is of type text | 18
      INSERT INTO t (a, a) VALUES (1, 2)   | 42701 | column "a" specified more than once | 19
      SELECT a FROM t WHERE b = 1          | 42883 | operator does not exist: text = integer | 25
      SELECT sum(b) FROM t                 | 42883 | function sum(text) does not exist | 8
      SELECT upper(a) FROM t               | 42883 | function upper(integer) does not exist | 8
      SELECT chr(1.5)                      | 42883 | function chr(numeric) does not exist | 8
      SELECT log(1.5, 'x'::text)           | 42883 | function log(numeric, text) does not exist | 8
      SELECT a FROM t WHERE a LIKE 'x'     | 42883 | operator does not exist: integer ~~ unknown | 25
      SELECT -b FROM t                     | 42883 | operator does not exist: - text | 8
      SELECT a FROM t ORDER BY zz          | 42703 | column "zz" does not exist | 26
      SELECT a FROM t WHERE a = 'abc'      | 22P02 | invalid input syntax for type integer: "abc" | 27
      INSERT INTO t (a) VALUES ('abc')     | 22P02 | invalid input syntax for type integer: "abc" | 27
      """)
  void postgresErrors(String sql, String sqlState, String message, int position) {
    DbException e = assertThrows(DbException.class, () -> PLANNER.prepare(sql, TestCatalog.INSTANCE, List.of()));
    assertEquals(sqlState, e.sqlState(), e.getMessage());
    assertEquals(message, e.getMessage());
    assertEquals(position, e.position());
  }
}
