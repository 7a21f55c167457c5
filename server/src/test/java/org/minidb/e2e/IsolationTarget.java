package org.minidb.e2e;


import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The server the isolation tests talk to: a MiniDB {@link TestServer} by default, or a PostgreSQL server when
 * the system property {@value #POSTGRES_URL} names one (for example
 * {@code -Dminidb.e2e.postgres=jdbc:postgresql://127.0.0.1:55432/postgres}). The same test code runs against
 * both, so that every expectation written in a test is PostgreSQL's observed outcome.
 */
final class IsolationTarget implements AutoCloseable {
  static final String POSTGRES_URL = "minidb.e2e.postgres";

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

  /**
   * Kept so that the tests read the same against any target: no level is refused any more (MiniDB runs
   * SERIALIZABLE as serializable snapshot isolation).
   */
  boolean refuses(TxLevel level) { return false; }

  Connection connect() throws SQLException {
    if (server != null) {
      Connection c = server.connect();
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("SET deadlock_timeout = '100ms'"); // as for PostgreSQL below
      }
      return c;
    }
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "60");
    // Both look for a deadlock only after deadlock_timeout (1 s by default), which would make runs with many
    // deadlocks (bank transfers) slow without changing any outcome.
    p.setProperty("options", "-c deadlock_timeout=100ms");
    return DriverManager.getConnection(postgresUrl, p);
  }

  @Override
  public void close() throws IOException {
    if (server != null) server.close();
  }
}
