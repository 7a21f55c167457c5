package org.minidb.planner.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

/**
 * Syntax errors compared with PostgreSQL 15: each line is what the installed PostgreSQL answered (SQLSTATE,
 * message, ErrorResponse position) for the statement after the last bar, collected with pgjdbc (psql for
 * the unterminated ones, which pgjdbc refuses to send). In the statements, ⏎ stands for a newline and
 * ⇥ for a tab.
 */
class PgSyntaxErrorsTest {
  private static final String POSTGRES_ANSWERS = """
      42601|syntax error at end of input|11|select 1 +
      42601|syntax error at or near ";"|11|select 1 +;
      42601|syntax error at or near "selec"|1|selec 1
      42601|syntax error at or near "c"|12|select a b c
      42601|syntax error at end of input|14|select a from
      42601|syntax error at end of input|22|select a from t where
      42601|syntax error at end of input|29|select * from t where a = (1
      42601|syntax error at or near "where"|18|update t set a = where b = 1
      42601|syntax error at end of input|25|insert into t values (1,
      42601|syntax error at or near ")"|23|create table t (a int,)
      42601|syntax error at or near "from"|11|select a, from t
      42601|syntax error at end of input|22|select a from t order
      42601|syntax error at end of input|10|select (1
      42601|syntax error at or near "from"|19|select $$it's$$ + from t
      42601|syntax error at or near "t"|21|select E'a\\\\nb' frm t
      42601|syntax error at or near ")"|29|select 'é' from t where é = )
      42601|syntax error at end of input|44|SELECT * FROM t WHERE a = $1 AND b = $2 AND
      42601|syntax error at end of input|16|select 1::int::
      42601|syntax error at or near "returning"|19|select a from t x returning
      42601|syntax error at end of input|20|delete from t where
      42601|syntax error at end of input|13|update t set
      42601|syntax error at or near "ghi"|20|select "abc" "def" ghi
      42601|syntax error at end of input|11|drop table
      42601|syntax error at or near ")"|26|create table t (a int not)
      42601|syntax error at or near "="|27|select a⏎from t⏎where a = = 1
      42601|syntax error at or near ")"|23|select a⇥from⇥t⇥where⇥)
      42601|syntax error at or near "t3"|50|select a /* comment */ from /* two⏎lines */ t t2 t3
      42601|trailing junk after parameter at or near "$1abc"|8|select $1abc
      42601|syntax error at or near "$3"|41|select a from t where a = $1 and b = $2 $3
      42601|syntax error at or near "table"|19|create or replace table t (a int)
      42601|syntax error at or near "="|29|select '𝄞' from t where a = = 1
      42601|syntax error at or near ","|24|select E'\\\\xc3\\\\xa9' , , 1
      42601|unterminated quoted string at or near "'abc"|8|select 'abc
      42601|unterminated quoted identifier at or near ""abc"|8|select "abc
      42601|unterminated dollar-quoted string at or near "$$abc"|8|select $$abc
      42601|unterminated /* comment at or near "/* abc"|10|select 1 /* abc
      """;

  @Test
  void errorsMatchPostgres() {
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    for (String line : POSTGRES_ANSWERS.strip().split("\n")) {
      String[] parts = line.strip().split("\\|", 4);
      String sql = parts[3].replace("\u23ce", "\n").replace("\u21e5", "\t");
      DbException e = assertThrows(DbException.class, () -> PgParser.parse(sql), sql);
      String got = e.sqlState() + "|" + e.getMessage() + "|" + e.position();
      String expected = parts[0] + "|" + parts[1] + "|" + parts[2];
      if (!got.equals(expected)) {
        mismatches.add(sql + "\n    expected " + expected + "\n    got      " + got);
      }
      cases++;
    }
    assertEquals(List.of(), mismatches, "of " + cases + " statements");
  }
}
