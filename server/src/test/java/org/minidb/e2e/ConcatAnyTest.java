package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@code anynonarray || text} and {@code text || anynonarray} (issue 4): PostgreSQL 15's answers. */
class ConcatAnyTest {
  @Test
  void theOtherOperandIsCastToText() throws Exception {
    String[][] cases = {
        {"'a' || 1", "a1"}, {"1 || 'a'", "1a"}, {"'a' || 1.5", "a1.5"}, {"1 || 'a' || 2", "1a2"},
        {"3.0 || 'a'", "3.0a"}, {"'a' || 1.5::float8", "a1.5"}, {"'x' || true", "xtrue"}, {"false || 'x'", "falsex"},
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
    }
  }
}
