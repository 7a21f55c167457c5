package org.minidb.sql.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LiteralParametersTest {
  private static void same(String sql) { assertNull(LiteralParameters.of(sql), sql); }

  private static void becomes(String sql, String expected, Object... values) {
    LiteralParameters.Parameterized p = LiteralParameters.of(sql);
    assertEquals(expected, p.sql(), sql);
    assertArrayEquals(values, p.values(), sql);
    assertEquals(values.length, p.types().size());
  }

  @Test
  void pgbenchTpcbStatements() {
    becomes("UPDATE pgbench_accounts SET abalance = abalance + -2345 WHERE aid = 12345;",
        "UPDATE pgbench_accounts SET abalance = abalance + -$1 WHERE aid = $2;", 2345, 12345);
    becomes("SELECT abalance FROM pgbench_accounts WHERE aid = 12345;",
        "SELECT abalance FROM pgbench_accounts WHERE aid = $1;", 12345);
    becomes("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (3, 1, 12345, -2345, CURRENT_TIMESTAMP);",
        "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, -$4, CURRENT_TIMESTAMP);",
        3, 1, 12345, 2345);
  }

  @Test
  void comparisonsAndValuesRows() {
    becomes("select * from t where a>=1 and b<>-2 and c = +3", "select * from t where a>=$1 and b<>-$2 and c = +$3", 1, 2, 3);
    becomes("insert into t values (1, (2), f(3, 4), 5), (6, 7::int, 8)",
        "insert into t values ($1, (2), f(3, 4), $2), ($3, 7::int, $4)", 1, 5, 6, 8);
    becomes("update t set a = 1 where \"B\" - 2 = 0", "update t set a = $1 where \"B\" - $2 = $3", 1, 2, 0);
  }

  @Test
  void leavesAloneWhatCouldChangeMeaning() {
    same("select 1");
    same("select 1 + 2");
    same("select a from t order by 1");
    same("select a from t where a = 1 limit 5");
    same("select a from t where a = 1 offset 5");
    same("select * from t where a = 2147483648");
    same("select * from t where a = 1.5");
    same("select * from t where a = 1e3");
    same("select * from t where a = 5::int");
    same("select * from t where a = '5'");
    same("select * from t where a = $1 and b = 2");
    same("select * from t where a = E'\\n' and b = 2");
    same("select cast(a as numeric(10, 2)) from t");
    same("select * from t where a in (1, 2)");
    same("select * from t where a = (1) ");
    same("explain select * from t where a = 1");
    becomes("select 5 - 3 = 2", "select 5 - 3 = $1", 2); // a comparison never fails; 5 - 3 is still folded
    same("insert into t values ('x', 'y')");
    same("insert into t values " + "(1),".repeat(LiteralParameters.MAX_PARAMETERS) + "(2)");
    same("select * from t where a = 'it''s' -- = 5\n");
    becomes("select * from t where a = 'it''s = 5' and b = 6 /* = 7 */", "select * from t where a = 'it''s = 5' and b = $1 /* = 7 */", 6);
  }
}
