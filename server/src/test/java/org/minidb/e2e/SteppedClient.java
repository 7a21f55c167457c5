package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client of a Hermitage script (T1, T2, ...): its statements run in order on its own thread, so that a
 * step that blocks on a lock leaves the script free to go on with the other clients. Each step's outcome is a
 * short string compared with what PostgreSQL answered for the same step:
 * <ul>
 *   <li>a query: its rows as {@code {id=>value, ...}} sorted by the first column ({@code {}} when empty);
 *   <li>INSERT/UPDATE/DELETE: {@code "N rows"} (or {@code "1 row"});
 *   <li>anything else that succeeds: {@code "ok"};
 *   <li>an error: {@code "ERROR <sqlstate> <message>"}.
 * </ul>
 * "Blocked" is detected with a bounded wait: a step expected to block must still be running after
 * {@value #BLOCK_PROBE_MILLIS} ms. Steps expected to finish get up to {@value #STEP_LIMIT_SECONDS} s.
 */
final class SteppedClient implements AutoCloseable {
  static final long BLOCK_PROBE_MILLIS = 500;
  static final long STEP_LIMIT_SECONDS = 20;

  private final String name;
  private final Connection connection;
  private final Statement statement;
  private final ExecutorService thread;
  private Future<String> pending;
  private String pendingSql;

  SteppedClient(String name, Connection connection) throws SQLException {
    this.name = name;
    this.connection = connection;
    this.statement = connection.createStatement();
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "hermitage-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs a step that must finish without waiting for another client, and checks its outcome. */
  void run(String sql, String expected) {
    assertEquals(expected, run(sql), () -> name + ": " + sql);
  }

  /** Runs a step that must finish without waiting for another client; returns its outcome. */
  String run(String sql) {
    assertNull(pending, () -> name + " is still blocked on " + pendingSql + " when asked to run " + sql);
    return finish(thread.submit(() -> outcome(sql)), sql);
  }

  /** Starts a step that must block (on a lock held by another client); {@link #unblocks} gives its outcome. */
  void blocks(String sql) {
    assertNull(pending, () -> name + " is already blocked on " + pendingSql);
    Future<String> f = thread.submit(() -> outcome(sql));
    try {
      String done = f.get(BLOCK_PROBE_MILLIS, TimeUnit.MILLISECONDS);
      fail(name + ": expected to block on \"" + sql + "\" but it finished with " + done);
    } catch (TimeoutException stillRunning) {
      pending = f;
      pendingSql = sql;
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(name + ": " + sql, e);
    }
  }

  /** The outcome of the blocked step, once another client's commit or abort has released it. */
  void unblocks(String expected) {
    assertNotNull(pending, () -> name + " has no blocked step");
    Future<String> f = pending;
    String sql = pendingSql;
    pending = null;
    pendingSql = null;
    assertEquals(expected, finish(f, sql), () -> name + " (unblocked): " + sql);
  }

  /** Checks that the blocked step is still waiting (after {@value #BLOCK_PROBE_MILLIS} ms more). */
  void stillBlocked() {
    assertNotNull(pending, () -> name + " has no blocked step");
    try {
      String done = pending.get(BLOCK_PROBE_MILLIS, TimeUnit.MILLISECONDS);
      fail(name + ": expected \"" + pendingSql + "\" to be still blocked but it finished with " + done);
    } catch (TimeoutException stillRunning) {
      // as expected
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(name + ": " + pendingSql, e);
    }
  }

  /**
   * The first of these clients whose blocked step finishes (within {@value #STEP_LIMIT_SECONDS} s), for
   * steps whose order PostgreSQL does not fix either.
   */
  static SteppedClient firstUnblocked(SteppedClient... clients) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_LIMIT_SECONDS);
    while (System.nanoTime() < deadline) {
      for (SteppedClient c : clients) {
        assertNotNull(c.pending, () -> c.name + " has no blocked step");
        if (c.pending.isDone()) return c;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("no blocked step finished");
  }

  /** BEGIN and SET TRANSACTION ISOLATION LEVEL, as Hermitage's scripts start each transaction. */
  void begin(String isolationLevel) {
    run("begin", "ok");
    run("set transaction isolation level " + isolationLevel, "ok");
  }

  private String finish(Future<String> f, String sql) {
    try {
      return f.get(STEP_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      pending = f; // still running: close() must abort the connection rather than wait for it
      pendingSql = sql;
      throw new AssertionError(name + ": \"" + sql + "\" did not finish (blocked?)");
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(name + ": " + sql, e);
    }
  }

  private String outcome(String sql) {
    try {
      if (statement.execute(sql)) {
        try (ResultSet rs = statement.getResultSet()) {
          return rows(rs);
        }
      }
      String verb = sql.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      if (List.of("insert", "update", "delete").contains(verb)) {
        int n = statement.getUpdateCount();
        return n == 1 ? "1 row" : n + " rows";
      }
      return "ok";
    } catch (SQLException e) {
      String message = e.getMessage();
      if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
        message = p.getServerErrorMessage().getMessage();
      }
      return "ERROR " + e.getSQLState() + " " + message;
    }
  }

  /** {@code {1=>10, 2=>20}}: the (id, value) rows sorted by id, as Hermitage writes them. */
  private static String rows(ResultSet rs) throws SQLException {
    List<long[]> rows = new ArrayList<>();
    while (rs.next()) rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
    rows.sort((a, b) -> Long.compare(a[0], b[0]));
    List<String> parts = new ArrayList<>();
    for (long[] r : rows) parts.add(r[0] + "=>" + r[1]);
    return "{" + String.join(", ", parts) + "}";
  }

  /**
   * Closes the connection; a step still blocked means the connection is aborted instead (closing would wait
   * for the blocked statement), which rolls its transaction back on the server.
   */
  @Override
  public void close() throws SQLException {
    if (pending != null) {
      connection.abort(Runnable::run);
    } else {
      connection.close();
    }
    thread.shutdownNow();
  }
}
