package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Assertions on the ErrorResponse a statement gets. */
final class SqlErrors {
  private SqlErrors() {}

  /** Runs {@code sql}, expects an error with this SQLSTATE, and returns the server's message for more checks. */
  static ServerErrorMessage expectError(Statement statement, String sql, String sqlState) {
    SQLException e = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
    assertEquals(sqlState, e.getSQLState(), () -> sql + " -> " + e.getMessage());
    return e instanceof PSQLException p ? p.getServerErrorMessage() : null;
  }
}
