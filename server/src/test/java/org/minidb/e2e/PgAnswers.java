package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Compares MiniDB's answers with answers recorded from PostgreSQL 15 in psql's unaligned form: the columns
 * of a row joined by '|', NULL as the empty string, rows joined by a newline.
 */
final class PgAnswers {
  private PgAnswers() {}

  /** Runs the statements of {@code setup} (separated by ';'), if any. */
  static void setup(Statement s, String setup) throws SQLException {
    if (setup == null || setup.isBlank()) return;
    for (String stmt : setup.split(";")) {
      if (!stmt.isBlank()) s.execute(stmt);
    }
  }

  /** The result of {@code sql} as psql -A -t prints it. */
  static String answer(Statement s, String sql) throws SQLException {
    StringBuilder sb = new StringBuilder();
    if (!s.execute(sql)) return ""; // SET and other statements without rows
    try (ResultSet rs = s.getResultSet()) {
      int n = rs.getMetaData().getColumnCount();
      int rows = 0;
      while (rs.next()) {
        if (++rows > 100_000) throw new AssertionError("too many rows from " + sql);
        if (!sb.isEmpty()) sb.append('\n');
        for (int i = 1; i <= n; i++) {
          if (i > 1) sb.append('|');
          String v = rs.getString(i);
          if (v != null) sb.append(v);
        }
      }
    }
    return sb.toString();
  }

  static void assertAnswer(Statement s, String sql, String expected) {
    try {
      assertEquals(expected, answer(s, sql), sql);
    } catch (SQLException e) {
      fail(sql + " failed: " + e.getMessage(), e);
    }
  }

  static void assertError(Statement s, String sql, String sqlState, String message) {
    try {
      answer(s, sql);
      fail(sql + " should fail with " + sqlState);
    } catch (SQLException e) {
      assertEquals(sqlState, e.getSQLState(), sql + ": " + e.getMessage());
      assertEquals(message, ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getMessage(), sql);
    }
  }
}
