package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.e2e.SqlErrors.expectError;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Concurrent writers of one table, over pgjdbc: row-level conflicts wait for the other transaction and then
 * follow PostgreSQL's rules (READ COMMITTED re-checks the newest version; REPEATABLE READ fails with 40001),
 * deadlocks give 40P01, lock_timeout and NOWAIT give 55P03. Each expected outcome was checked against
 * PostgreSQL 15 with the same steps.
 */
class RowLockingTest {
  private static TestServer server;
  private static final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
    server.close();
  }

  /** A table with rows (id, v) = (1, 0), (2, 0), (3, 0). */
  private static void createTable(Statement s, String name) throws SQLException {
    s.execute("DROP TABLE IF EXISTS " + name);
    s.execute("CREATE TABLE " + name + " (id int, v int)");
    s.execute("INSERT INTO " + name + " VALUES (1, 0), (2, 0), (3, 0)");
  }

  private static int value(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getInt(1);
    }
  }

  /** Runs {@code sql} on another thread; the future gives the update count. */
  private static Future<Integer> async(Statement s, String sql) {
    return pool.submit(() -> s.executeUpdate(sql));
  }

  /** True if the statement is still blocked after a short while (it must be waiting for a lock). */
  private static boolean blocked(Future<?> f) throws Exception {
    try {
      f.get(300, TimeUnit.MILLISECONDS);
      return false;
    } catch (TimeoutException e) {
      return true;
    }
  }

  @Test
  void writersOfDifferentRowsDoNotWaitAndOfTheSameRowDo() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createTable(sa, "rl1");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      assertEquals(1, sa.executeUpdate("UPDATE rl1 SET v = v + 1 WHERE id = 1"));
      assertEquals(1, sb.executeUpdate("UPDATE rl1 SET v = v + 1 WHERE id = 2"), "another row: no wait");
      assertEquals(1, sb.executeUpdate("INSERT INTO rl1 VALUES (4, 0)"), "inserts never wait");
      Future<Integer> same = async(sb, "UPDATE rl1 SET v = v + 10 WHERE id = 1");
      assertTrue(blocked(same), "the same row waits for a");
      a.commit();
      assertEquals(1, same.get(10, TimeUnit.SECONDS), "then updates a's version");
      b.commit();
      assertEquals(11, value(sa, "SELECT v FROM rl1 WHERE id = 1"), "no update lost");
      assertEquals(1, value(sa, "SELECT v FROM rl1 WHERE id = 2"));
    }
  }

  @Test
  void readCommittedRechecksTheNewestVersion() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createTable(sa, "rl2");
      a.setAutoCommit(false);
      sa.executeUpdate("UPDATE rl2 SET v = 5 WHERE id = 1");
      sa.executeUpdate("DELETE FROM rl2 WHERE id = 2");
      // b's conditions held for the versions its snapshot saw, not for a's new ones.
      Future<Integer> byValue = async(sb, "UPDATE rl2 SET v = v + 100 WHERE v = 0 AND id <= 2");
      assertTrue(blocked(byValue));
      a.commit();
      assertEquals(0, byValue.get(10, TimeUnit.SECONDS), "row 1 no longer has v = 0 and row 2 is gone");
      assertEquals(5, value(sb, "SELECT v FROM rl2 WHERE id = 1"));
      assertEquals(0, value(sb, "SELECT count(*) FROM rl2 WHERE id = 2"));
      // A rolled-back change leaves the original version to the waiter.
      sa.executeUpdate("UPDATE rl2 SET v = 7 WHERE id = 3");
      Future<Integer> waiter = async(sb, "UPDATE rl2 SET v = v + 1 WHERE id = 3");
      assertTrue(blocked(waiter));
      a.rollback();
      assertEquals(1, waiter.get(10, TimeUnit.SECONDS));
      assertEquals(1, value(sa, "SELECT v FROM rl2 WHERE id = 3"));
      a.commit();
    }
  }

  @Test
  void repeatableReadKeepsItsSnapshotAndRefusesConcurrentUpdates() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createTable(sa, "rl3");
      sb.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
      assertEquals("repeatable read", show(sb, "transaction_isolation"));
      assertEquals(0, value(sb, "SELECT sum(v) FROM rl3"));
      sa.executeUpdate("UPDATE rl3 SET v = 1 WHERE id = 1"); // autocommit
      sa.executeUpdate("INSERT INTO rl3 VALUES (9, 9)");
      assertEquals(0, value(sb, "SELECT sum(v) FROM rl3"), "the transaction's snapshot, not a new one");
      assertEquals(3, value(sb, "SELECT count(*) FROM rl3"));
      assertEquals(1, sb.executeUpdate("UPDATE rl3 SET v = 2 WHERE id = 2"), "rows nobody changed: fine");
      ServerErrorMessage e = expectError(sb, "UPDATE rl3 SET v = 3 WHERE id = 1", "40001");
      assertEquals("could not serialize access due to concurrent update", e.getMessage());
      sb.execute("ROLLBACK");
      // The same with a wait: the conflict is known once the other transaction commits.
      a.setAutoCommit(false);
      sb.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
      assertEquals(1, value(sb, "SELECT v FROM rl3 WHERE id = 1"));
      sa.executeUpdate("DELETE FROM rl3 WHERE id = 1");
      Future<Integer> waiter = async(sb, "UPDATE rl3 SET v = 4 WHERE id = 1");
      assertTrue(blocked(waiter));
      a.commit();
      Exception failed = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> waiter.get(10, TimeUnit.SECONDS));
      PSQLException cause = (PSQLException) failed.getCause();
      assertEquals("40001", cause.getSQLState());
      assertEquals("could not serialize access due to concurrent delete", cause.getServerErrorMessage().getMessage());
      sb.execute("ROLLBACK");
    }
  }

  @Test
  void deadlockIsDetectedAndOneTransactionSurvives() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createTable(sa, "rl4");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      sa.executeUpdate("UPDATE rl4 SET v = 1 WHERE id = 1");
      sb.executeUpdate("UPDATE rl4 SET v = 2 WHERE id = 2");
      // The waiter whose deadlock_timeout runs out first is the victim (PostgreSQL's rule): make it b's.
      sa.execute("SET deadlock_timeout = '20s'");
      sb.execute("SET deadlock_timeout = '100ms'");
      Future<Integer> aWaits = async(sa, "UPDATE rl4 SET v = 1 WHERE id = 2");
      // a must be waiting before b's wait starts its 100 ms deadlock timer: give a loaded machine time to get there.
      assertTrue(blocked(aWaits));
      Thread.sleep(1000);
      ServerErrorMessage e = expectError(sb, "UPDATE rl4 SET v = 2 WHERE id = 1", "40P01");
      assertEquals("deadlock detected", e.getMessage());
      String detail = e.getDetail();
      assertTrue(detail.matches("(?s)Process \\d+ waits for ShareLock on transaction \\d+; blocked by process \\d+\\.\n"
          + "Process \\d+ waits for ShareLock on transaction \\d+; blocked by process \\d+\\."), detail);
      b.rollback();
      assertEquals(1, aWaits.get(10, TimeUnit.SECONDS), "the survivor goes on");
      a.commit();
      assertEquals(2, value(sa, "SELECT sum(v) FROM rl4"));
    }
  }

  @Test
  void lockTimeoutNowaitAndLockTable() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createTable(sa, "rl5");
      expectError(sa, "LOCK TABLE rl5", "25P01");
      sa.execute("BEGIN");
      sa.execute("LOCK TABLE rl5 IN SHARE MODE");
      sb.execute("BEGIN");
      ServerErrorMessage e = expectError(sb, "LOCK TABLE rl5 IN ROW EXCLUSIVE MODE NOWAIT", "55P03");
      assertEquals("could not obtain lock on relation \"rl5\"", e.getMessage());
      sb.execute("ROLLBACK");
      assertEquals(3, value(sb, "SELECT count(*) FROM rl5"), "SHARE lets readers in");
      sb.execute("SET lock_timeout = '100ms'");
      e = expectError(sb, "UPDATE rl5 SET v = 1", "55P03");
      assertEquals("canceling statement due to lock timeout", e.getMessage());
      sa.execute("COMMIT");
      assertEquals(3, sb.executeUpdate("UPDATE rl5 SET v = 1"));
      sa.execute("BEGIN");
      sa.executeUpdate("UPDATE rl5 SET v = 2 WHERE id = 1");
      expectError(sb, "UPDATE rl5 SET v = 3 WHERE id = 1", "55P03"); // a row lock wait times out too
      sa.execute("COMMIT");
      sb.execute("RESET lock_timeout");
      expectError(sb, "BEGIN; LOCK TABLE nosuch", "42P01");
    }
  }

  @Test
  void transactionModes() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals("read committed", show(s, "transaction_isolation"));
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      assertEquals("SET TRANSACTION can only be used in transaction blocks", s.getWarnings().getMessage());
      s.execute("BEGIN");
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      assertEquals("repeatable read", show(s, "transaction_isolation"));
      s.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"); // SHOW takes no snapshot: still allowed
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      s.execute("SELECT 1");
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"); // the same level: allowed
      ServerErrorMessage e = expectError(s, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "25001");
      assertEquals("SET TRANSACTION ISOLATION LEVEL must be called before any query",
          e.getMessage());
      s.execute("ROLLBACK");
      s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      assertEquals("repeatable read", show(s, "default_transaction_isolation"));
      assertEquals("repeatable read", show(s, "transaction_isolation"));
      s.execute("START TRANSACTION ISOLATION LEVEL READ COMMITTED, READ WRITE");
      assertEquals("read committed", show(s, "transaction_isolation"));
      s.execute("COMMIT");
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); // pgjdbc's SET SESSION CHARACTERISTICS
      assertEquals("read committed", show(s, "transaction_isolation"));
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      assertEquals(Connection.TRANSACTION_REPEATABLE_READ, c.getTransactionIsolation());
      expectError(s, "SET default_transaction_isolation = 'bogus'", "22023");
    }
  }

  @Test
  void manyClientsInsertAndUpdateOneTableAtOnce() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS counters");
      s.execute("CREATE TABLE counters (id int, n int)");
      s.execute("INSERT INTO counters VALUES (1, 0), (2, 0)");
      s.execute("CREATE TABLE IF NOT EXISTS log_rows (client int, i int)");
    }
    int clients = 8;
    int perClient = 60;
    List<Future<?>> futures = new ArrayList<>();
    for (int k = 0; k < clients; k++) {
      int client = k;
      futures.add(pool.submit(() -> {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
          for (int i = 0; i < perClient; i++) {
            s.executeUpdate("INSERT INTO log_rows VALUES (" + client + ", " + i + ")");
            s.executeUpdate("UPDATE counters SET n = n + 1 WHERE id = " + (1 + i % 2));
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(clients * perClient, value(s, "SELECT count(*) FROM log_rows"));
      assertEquals(clients * perClient, value(s, "SELECT sum(n) FROM counters"), "no increment lost");
      assertEquals(clients * perClient / 2, value(s, "SELECT n FROM counters WHERE id = 1"));
      assertFalse(s.execute("DROP TABLE log_rows"));
    }
  }

  @Test
  void selectForUpdateLocksRowsAndNowaitRefuses() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      createTable(sa, "rl6");
      a.setAutoCommit(false);
      try (ResultSet rs = sa.executeQuery("SELECT id, v FROM rl6 WHERE id = 1 FOR UPDATE")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
      assertEquals(3, value(sb, "SELECT count(*) FROM rl6"), "a row lock does not hide the row");
      ServerErrorMessage e = expectError(sb, "SELECT * FROM rl6 WHERE id = 1 FOR UPDATE NOWAIT", "55P03");
      assertEquals("could not obtain lock on row in relation \"rl6\"", e.getMessage());
      sb.execute("BEGIN");
      List<Integer> unlocked = new ArrayList<>();
      try (ResultSet rs = sb.executeQuery("SELECT id FROM rl6 ORDER BY id FOR SHARE SKIP LOCKED")) {
        while (rs.next()) unlocked.add(rs.getInt(1));
      }
      assertEquals(List.of(2, 3), unlocked, "SKIP LOCKED leaves the locked row out");
      sb.execute("COMMIT");
      Future<Integer> writer = async(sb, "UPDATE rl6 SET v = v + 1 WHERE id = 1");
      assertTrue(blocked(writer), "an UPDATE waits for the row lock");
      assertEquals(1, sa.executeUpdate("UPDATE rl6 SET v = 10 WHERE id = 1"), "the locker may change its row");
      a.commit();
      assertEquals(1, writer.get(10, TimeUnit.SECONDS));
      assertEquals(11, value(sa, "SELECT v FROM rl6 WHERE id = 1"));
      // READ COMMITTED: a FOR UPDATE that waited returns the newest version, if it still qualifies.
      sb.execute("BEGIN");
      sb.executeUpdate("UPDATE rl6 SET v = 20 WHERE id = 2");
      Future<Integer> locker = pool.submit(() -> {
        try (ResultSet rs = sa.executeQuery("SELECT v FROM rl6 WHERE id = 2 AND v < 100 FOR UPDATE")) {
          return rs.next() ? rs.getInt(1) : -1;
        }
      });
      assertTrue(blocked(locker));
      sb.execute("COMMIT");
      assertEquals(20, locker.get(10, TimeUnit.SECONDS));
      a.commit();
    }
  }

  @Test
  void skipLockedMakesAJobQueue() throws Exception {
    int jobs = 60;
    int workers = 4;
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS jobs");
      s.execute("CREATE TABLE jobs (id int, taken_by int, taken int)");
      StringBuilder values = new StringBuilder("INSERT INTO jobs VALUES ");
      for (int i = 1; i <= jobs; i++) values.append(i == 1 ? "" : ", ").append("(" + i + ", NULL, 0)");
      s.execute(values.toString());
    }
    List<Future<Integer>> done = new ArrayList<>();
    for (int w = 1; w <= workers; w++) {
      int worker = w;
      done.add(pool.submit(() -> {
        int taken = 0;
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
          c.setAutoCommit(false);
          for (int guard = 0; guard < jobs * 4; guard++) {
            Integer id = null;
            try (ResultSet rs = s.executeQuery(
                "SELECT id FROM jobs WHERE taken_by IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")) {
              if (rs.next()) id = rs.getInt(1);
            }
            if (id == null) {
              c.commit();
              break;
            }
            s.executeUpdate("UPDATE jobs SET taken_by = " + worker + ", taken = taken + 1 WHERE id = " + id);
            c.commit();
            taken++;
          }
        }
        return taken;
      }));
    }
    int total = 0;
    for (Future<Integer> f : done) total += f.get(60, TimeUnit.SECONDS);
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(jobs, total, "every job taken once");
      assertEquals(jobs, value(s, "SELECT sum(taken) FROM jobs"));
      assertEquals(0, value(s, "SELECT count(*) FROM jobs WHERE taken <> 1 OR taken_by IS NULL"));
    }
  }

  private static String show(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
