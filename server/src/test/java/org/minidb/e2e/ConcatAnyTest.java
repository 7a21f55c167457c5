package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@code anynonarray || text} and {@code text || anynonarray} (issue 4), and {@code concat} / {@code concat_ws},
 * whose "any" arguments print with their type's output function (a boolean as t / f, where || casts it to
 * true / false): PostgreSQL 15's answers.
 */
class ConcatAnyTest {
  @Test
  void theOtherOperandIsCastToText() throws Exception {
    String[][] cases = {
        {"'a' || 1", "a1"}, {"1 || 'a'", "1a"}, {"'a' || 1.5", "a1.5"}, {"1 || 'a' || 2", "1a2"},
        {"3.0 || 'a'", "3.0a"}, {"'a' || 1.5::float8", "a1.5"}, {"'x' || true", "xtrue"}, {"false || 'x'", "falsex"},
        {"concat('a', true, 1.50, NULL, date '2020-01-02')", "at1.502020-01-02"},
        {"concat_ws(',', true, false, 2)", "t,f,2"}, {"concat('a', 'x  '::char(3), 'b')", "ax  b"},
        {"concat(NULL)", ""}, {"concat_ws(NULL, 1)", null}, {"'\\x01'::bytea || '\\x02'::bytea", "\\x0102"},
    };
    try (TestServer server = TestServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String[] t : cases) {
        try (ResultSet rs = s.executeQuery("SELECT " + t[0])) {
          assertTrue(rs.next());
          assertEquals(t[1], rs.getString(1), t[0]);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT 'n' || NULL::int")) {
        assertTrue(rs.next());
        assertEquals(null, rs.getString(1));
      }
      for (String noSuch : new String[] {"concat()", "concat_ws(',')", "1 || 2", "true || false"}) {
        java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
            () -> s.executeQuery("SELECT " + noSuch));
        assertEquals("42883", e.getSQLState(), noSuch);
      }
    }
  }
}
