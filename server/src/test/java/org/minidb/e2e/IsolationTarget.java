package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.e2e.SqlErrors.expectError;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.util.ServerErrorMessage;

/**
 * The server the isolation tests talk to: a MiniDB {@link TestServer} by default, or a PostgreSQL server when
 * the system property {@value #POSTGRES_URL} names one (for example
 * {@code -Dminidb.e2e.postgres=jdbc:postgresql://127.0.0.1:55432/postgres}). The same test code runs against
 * both, so that every expectation written in a test is PostgreSQL's observed outcome.
 */
final class IsolationTarget implements AutoCloseable {
  static final String POSTGRES_URL = "minidb.e2e.postgres";
  /** Set to true once MiniDB runs SERIALIZABLE (serializable snapshot isolation): the cells then run. */
  static final String MINIDB_SERIALIZABLE = "minidb.e2e.serializable";

  private final TestServer server;
  private final String postgresUrl;

  private IsolationTarget(TestServer server, String postgresUrl) {
    this.server = server;
    this.postgresUrl = postgresUrl;
  }

  static IsolationTarget start() throws IOException {
    String url = System.getProperty(POSTGRES_URL, "");
    return url.isBlank() ? new IsolationTarget(TestServer.start(), null) : new IsolationTarget(null, url);
  }

  boolean isPostgres() { return postgresUrl != null; }

  /** False while MiniDB refuses SERIALIZABLE with 0A000 (it does not yet detect write skew). */
  boolean runsSerializable() { return isPostgres() || Boolean.getBoolean(MINIDB_SERIALIZABLE); }

  /**
   * True when the target refuses this level, after checking how: MiniDB answers SERIALIZABLE with 0A000, from
   * SET TRANSACTION as from BEGIN, rather than running it as REPEATABLE READ (which would let write skew
   * through). A test that gets true is over.
   */
  boolean refuses(TxLevel level) throws SQLException {
    if (level != TxLevel.SERIALIZABLE || runsSerializable()) return false;
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("begin");
      ServerErrorMessage e = expectError(s, "set transaction isolation level serializable", "0A000");
      assertEquals("transaction isolation level SERIALIZABLE is not supported yet", e.getMessage());
      s.execute("abort");
      expectError(s, "begin isolation level serializable", "0A000");
      assertTrue(s.execute("select 1"), "the session is usable afterwards");
    }
    return true;
  }

  Connection connect() throws SQLException {
    if (server != null) return server.connect();
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "60");
    // MiniDB detects a deadlock when the wait starts; PostgreSQL only after deadlock_timeout (1 s by default),
    // which would make runs with many deadlocks (bank transfers) slow without changing any outcome.
    p.setProperty("options", "-c deadlock_timeout=100ms");
    return DriverManager.getConnection(postgresUrl, p);
  }

  @Override
  public void close() throws IOException {
    if (server != null) server.close();
  }
}
