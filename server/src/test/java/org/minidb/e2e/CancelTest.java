package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.e2e.SqlErrors.expectError;

import java.io.DataOutputStream;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;

/**
 * Query cancellation over pgjdbc: statement_timeout, CancelRequest (Statement.cancel(), setQueryTimeout) and
 * idle_in_transaction_session_timeout. Each outcome (SQLSTATE, message, the state of the session and of the
 * transaction afterwards) was checked against PostgreSQL 15 with pgjdbc and the same steps.
 */
class CancelTest {
  private static final String TIMEOUT = "canceling statement due to statement timeout";
  private static final String USER_REQUEST = "canceling statement due to user request";
  /** Bounds every wait for a cancel to land; far above what it takes. */
  private static final long BOUND_MILLIS = 30_000;

  private static TestServer server;
  private static final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // 1,024 rows: a three-way cross join of it is a billion rows, far more than any test waits for.
      s.execute("CREATE TABLE big (x int)");
      s.execute("INSERT INTO big VALUES (1)");
      for (int i = 0; i < 10; i++) s.execute("INSERT INTO big SELECT x + 1 FROM big");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
    server.close();
  }

  private static final String CROSS_JOIN = "SELECT count(*) FROM big a, big b, big c";

  private static int intValue(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getInt(1);
    }
  }

  private static void createRows(Statement s, String name) throws SQLException {
    s.execute("DROP TABLE IF EXISTS " + name);
    s.execute("CREATE TABLE " + name + " (id int, v int)");
    s.execute("INSERT INTO " + name + " VALUES (1, 0), (2, 0)");
  }

  /** The SQLException a statement running on another thread ended with. */
  private static SQLException failure(Future<?> f) throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(BOUND_MILLIS, TimeUnit.MILLISECONDS));
    assertTrue(e.getCause() instanceof SQLException, () -> "not an SQLException: " + e.getCause());
    return (SQLException) e.getCause();
  }

  private static void assertCanceled(SQLException e, String message) {
    assertEquals("57014", e.getSQLState(), e::getMessage);
    assertEquals("ERROR: " + message, e.getMessage());
  }

  /**
   * Sends CancelRequests for {@code connection} until {@code running} ends (bounded): a cancel that reaches the
   * server before the statement starts is dropped, as PostgreSQL drops it, so one request may not be enough.
   */
  private static SQLException cancelUntilFailed(Connection connection, Future<?> running) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
    while (System.nanoTime() < deadline) {
      connection.unwrap(BaseConnection.class).cancelQuery();
      try {
        running.get(100, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        // not yet: send another
      } catch (ExecutionException e) {
        break;
      }
    }
    return failure(running);
  }

  @Test
  void statementTimeoutCancelsALongJoinAndTheSessionGoesOn() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = 200");
      assertEquals(TIMEOUT, expectError(s, CROSS_JOIN, "57014").getMessage());
      assertEquals(1024, intValue(s, "SELECT count(*) FROM big"), "the session goes on");
      // Inside a transaction block the cancel aborts the transaction, as any error does.
      c.setAutoCommit(false);
      s.execute("INSERT INTO big VALUES (0)");
      assertEquals(TIMEOUT, expectError(s, CROSS_JOIN, "57014").getMessage());
      expectError(s, "SELECT 1", "25P02");
      c.rollback();
      c.setAutoCommit(true);
      assertEquals(0, intValue(s, "SELECT count(*) FROM big WHERE x = 0"), "the insert was rolled back");
      s.execute("SET statement_timeout = 0");
      assertEquals(1, intValue(s, "SELECT count(*) FROM big a, big b WHERE a.x = b.x AND b.x = 1"));
    }
  }

  @Test
  void statementTimeoutCancelsPgSleepAndAppliesToPreparedStatements() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '100ms'");
      assertEquals(TIMEOUT, expectError(s, "SELECT pg_sleep(60)", "57014").getMessage());
      try (var ps = c.prepareStatement("SELECT pg_sleep(?)")) {
        ps.setDouble(1, 60);
        SQLException e = assertThrows(SQLException.class, ps::executeQuery);
        assertCanceled(e, TIMEOUT);
        ps.setDouble(1, 0.001);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("", rs.getString(1), "pg_sleep's void result prints empty");
        }
      }
      assertEquals(1, intValue(s, "SELECT 1"));
    }
  }

  @Test
  void statementTimeoutEndsARowLockWait() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createRows(sa, "lockwait");
      a.setAutoCommit(false);
      assertEquals(1, sa.executeUpdate("UPDATE lockwait SET v = 1 WHERE id = 1"));
      sb.execute("SET statement_timeout = 300");
      assertEquals(TIMEOUT, expectError(sb, "UPDATE lockwait SET v = 2 WHERE id = 1", "57014").getMessage());
      assertEquals(1, sb.executeUpdate("UPDATE lockwait SET v = 2 WHERE id = 2"), "other rows are free");
      a.commit();
      assertEquals(1, sb.executeUpdate("UPDATE lockwait SET v = v + 10 WHERE id = 1"), "the wait left nothing behind");
      assertEquals(11, intValue(sb, "SELECT v FROM lockwait WHERE id = 1"));
    }
  }

  @Test
  void cancelRequestsEndAScanALockWaitAndASleep() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      Future<?> join = pool.submit(() -> sb.executeQuery(CROSS_JOIN));
      assertCanceled(cancelUntilFailed(b, join), USER_REQUEST);

      createRows(sa, "cancelwait");
      a.setAutoCommit(false);
      sa.executeUpdate("UPDATE cancelwait SET v = 1 WHERE id = 1");
      Future<?> wait = pool.submit(() -> sb.executeUpdate("UPDATE cancelwait SET v = 2 WHERE id = 1"));
      assertCanceled(cancelUntilFailed(b, wait), USER_REQUEST);
      a.rollback();

      Future<?> sleep = pool.submit(() -> sb.executeQuery("SELECT pg_sleep(60)"));
      assertCanceled(cancelUntilFailed(b, sleep), USER_REQUEST);
      assertEquals(1, sb.executeUpdate("UPDATE cancelwait SET v = 3 WHERE id = 1"), "the session goes on");
    }
  }

  @Test
  void statementCancelFromAnotherThread() throws Exception {
    try (Connection c = server.connect()) {
      // pgjdbc sends one CancelRequest per execution; if it arrives before the statement starts it is dropped
      // (as PostgreSQL drops it), and the safety statement_timeout ends the try: then try again, waiting longer.
      c.createStatement().execute("SET statement_timeout = '5s'");
      SQLException result = null;
      for (int attempt = 1; attempt <= 3; attempt++) {
        try (Statement s = c.createStatement()) {
          Future<?> sleep = pool.submit(() -> s.executeQuery("SELECT pg_sleep(60)"));
          Thread.sleep(200L * attempt);
          s.cancel();
          result = failure(sleep);
        }
        if (!result.getMessage().contains("statement timeout")) break;
      }
      assertCanceled(result, USER_REQUEST);
      try (Statement s = c.createStatement()) {
        assertEquals(2, intValue(s, "SELECT 2"), "the session goes on");
      }
    }
  }

  @Test
  void setQueryTimeoutCancelsThroughCancelRequest() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      assertCanceled(assertThrows(SQLException.class, () -> s.executeQuery("SELECT pg_sleep(60)")), USER_REQUEST);
      c.setAutoCommit(false);
      assertCanceled(assertThrows(SQLException.class, () -> s.executeQuery(CROSS_JOIN)), USER_REQUEST);
      expectError(s, "SELECT 1", "25P02");
      c.rollback();
      s.setQueryTimeout(0);
      assertEquals(7, intValue(s, "SELECT 7"));
    }
  }

  @Test
  void cancelRequestWithAWrongKeyIsIgnored() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      int pid = c.unwrap(PGConnection.class).getBackendPID();
      Future<?> sleep = pool.submit(() -> s.executeQuery("SELECT pg_sleep(0.5)"));
      for (int key = 0; key < 5 && !sleep.isDone(); key++) {
        // The real key is random: with these small ones the chance of hitting it is negligible.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
          DataOutputStream out = new DataOutputStream(socket.getOutputStream());
          out.writeInt(16);
          out.writeInt(80877102);
          out.writeInt(pid);
          out.writeInt(key);
          out.flush();
          socket.setSoTimeout(10_000);
          assertEquals(-1, socket.getInputStream().read(), "no reply: the server closes the connection");
        }
      }
      sleep.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
      assertEquals(3, intValue(s, "SELECT 3"));
    }
  }

  @Test
  void idleInTransactionTimeoutEndsTheSessionAndFreesItsLocks() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createRows(sa, "idle");
      sa.execute("SET idle_in_transaction_session_timeout = 300");
      assertEquals("300ms", stringValue(sa, "SHOW idle_in_transaction_session_timeout"));
      a.setAutoCommit(false);
      assertEquals(1, sa.executeUpdate("UPDATE idle SET v = v + 1 WHERE id = 1"));
      // b waits for a's row until a's session is terminated and its transaction rolled back.
      sb.execute("SET statement_timeout = " + BOUND_MILLIS);
      assertEquals(1, sb.executeUpdate("UPDATE idle SET v = v + 10 WHERE id = 1"));
      assertEquals(10, intValue(sb, "SELECT v FROM idle WHERE id = 1"), "a's update was rolled back");
      SQLException e = assertThrows(SQLException.class, () -> sa.executeQuery("SELECT 1"));
      assertEquals("25P03", e.getSQLState());
      assertEquals("FATAL: terminating connection due to idle-in-transaction timeout", e.getMessage());
      assertTrue(a.isClosed());
    }
  }

  /** psql's Ctrl-C: SIGINT makes psql send a CancelRequest; its output is PostgreSQL 15's for the same steps. */
  @Test
  void psqlControlC() throws Exception {
    String psql = PsqlTest.psql();
    org.junit.jupiter.api.Assumptions.assumeTrue(psql != null, "psql is not installed");
    Process p = new ProcessBuilder(psql, "-X", "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-U",
        "postgres", "-c", "SET statement_timeout = '20s'", "-c", "SELECT pg_sleep(60)")
        .redirectErrorStream(true).start();
    try {
      // SIGINT before the query runs would be lost: give psql time to get there, and repeat if it was (bounded).
      Thread.sleep(500);
      for (int i = 0; i < 5 && p.isAlive(); i++) {
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        p.waitFor(3, TimeUnit.SECONDS);
      }
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "psql ended");
      String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals("SET\nCancel request sent\nERROR:  canceling statement due to user request\n", output);
      assertEquals(1, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void settingsShowAsPostgreSqlShowsThem() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals("0", stringValue(s, "SHOW idle_in_transaction_session_timeout"));
      assertEquals("0", stringValue(s, "SHOW idle_session_timeout"));
      s.execute("SET statement_timeout = '2s'");
      assertEquals("2s", stringValue(s, "SHOW statement_timeout"));
      s.execute("SET idle_session_timeout = 1500");
      assertEquals("1500ms", stringValue(s, "SHOW idle_session_timeout"));
    }
  }

  private static String stringValue(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
