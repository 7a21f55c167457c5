package org.minidb.planner.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

/**
 * Words PostgreSQL 15 does not reserve are names and column labels here too, although Calcite reserves
 * them (checked against PostgreSQL 15: each statement below runs there).
 */
class PgKeywordsTest {
  private static final List<String> NAMES = List.of("one", "value", "year", "month", "day", "hour", "minute",
      "second", "zone", "language", "position", "name", "type", "text", "count", "sum", "min", "max", "result",
      "start", "lower", "upper", "trim", "substring", "function", "system", "method", "open", "close", "reset");

  @Test
  void nonReservedWordsAreColumnLabels() {
    for (String word : NAMES) {
      SqlSelect select = assertInstanceOf(SqlSelect.class, PgParser.parse("SELECT 1 AS " + word).node(), word);
      SqlBasicCall as = (SqlBasicCall) select.getSelectList().get(0);
      assertEquals(SqlKind.AS, as.getKind());
      assertEquals(word, ((SqlIdentifier) as.operand(1)).getSimple());
    }
  }

  @Test
  void nonReservedWordsAreColumnAndTableNames() {
    for (String word : NAMES) {
      SqlSelect select = assertInstanceOf(SqlSelect.class,
          PgParser.parse("SELECT " + word + ", t." + word + " FROM " + word + " t WHERE " + word + " = 1").node(),
          word);
      assertEquals(word, ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
      assertEquals(List.of("t", word), ((SqlIdentifier) select.getSelectList().get(1)).names);
    }
    SqlNode create = PgParser.parse("CREATE TABLE k (value int, year int, name text, type text, position int)").node();
    assertEquals("CREATE_TABLE", create.getKind().name());
  }

  @Test
  void functionSyntaxStillWorks() {
    for (String sql : List.of("SELECT position('b' IN 'abc')", "SELECT substring('abc' FROM 2 FOR 1)",
        "SELECT trim(BOTH 'x' FROM 'xax')", "SELECT count(*), sum(1), upper('a'), lower('A')",
        "SELECT EXTRACT(YEAR FROM DATE '2024-01-01')", "SELECT INTERVAL '1' DAY")) {
      assertInstanceOf(SqlSelect.class, PgParser.parse(sql).node(), sql);
    }
  }

  @Test
  void postgresReservedWordsStayReserved() {
    for (String word : List.of("select", "from", "where", "table", "order", "group", "limit", "user", "all")) {
      assertThrows(DbException.class, () -> PgParser.parse("SELECT 1 AS x FROM " + word), word);
    }
  }
}
