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

  Connection connect() throws SQLException {
    if (server != null) return server.connect();
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "60");
    return DriverManager.getConnection(postgresUrl, p);
  }

  @Override
  public void close() throws IOException {
    if (server != null) server.close();
  }
}
