package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.minidb.e2e.SqlErrors.expectError;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** READ COMMITTED transaction blocks as pgjdbc and psql drive them. */
class TransactionTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static long count(Statement s, String table) throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void commitAndRollbackWithAutocommitOff() throws Exception {
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE acct (id int, balance int)");
      a.setAutoCommit(false);
      sa.execute("INSERT INTO acct VALUES (1, 100)");
      assertEquals(1, count(sa, "acct"));
      assertEquals(0, count(sb, "acct"), "uncommitted rows are invisible to others");
      a.commit();
      assertEquals(1, count(sb, "acct"));
      sa.execute("UPDATE acct SET balance = 0");
      sa.execute("INSERT INTO acct VALUES (2, 5)");
      a.rollback();
      try (ResultSet rs = sb.executeQuery("SELECT balance FROM acct")) {
        rs.next();
        assertEquals(100, rs.getInt(1));
      }
      assertEquals(1, count(sa, "acct"));
      a.setAutoCommit(true);
      sa.execute("DROP TABLE acct");
    }
  }

  @Test
  void failedBlockRejectsUntilRollbackAndCommitAnswersRollback() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE fb (x int)");
      s.execute("BEGIN");
      s.execute("INSERT INTO fb VALUES (1)");
      expectError(s, "SELECT 1/0", "22012");
      expectError(s, "SELECT 1", "25P02");
      expectError(s, "SHOW work_mem", "25P02");
      s.execute("COMMIT");
      assertEquals(0, count(s, "fb"), "COMMIT of a failed block rolls back");
      s.execute("DROP TABLE fb");
    }
  }

  @Test
  void ddlIsTransactional() throws Exception {
    try (Connection c = server.connect(); Connection other = server.connect();
        Statement s = c.createStatement(); Statement o = other.createStatement()) {
      s.execute("BEGIN");
      s.execute("CREATE TABLE tx_ddl (x int)");
      s.execute("INSERT INTO tx_ddl VALUES (1)");
      assertEquals(1, count(s, "tx_ddl"));
      expectError(o, "SELECT * FROM tx_ddl", "42P01");
      s.execute("ROLLBACK");
      expectError(s, "SELECT * FROM tx_ddl", "42P01");
      s.execute("CREATE TABLE tx_ddl (y text)");
      s.execute("BEGIN");
      s.execute("DROP TABLE tx_ddl");
      // DROP holds ACCESS EXCLUSIVE: a reader waits for the outcome, then finds the table gone (as PostgreSQL).
      var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return count(o, "tx_ddl");
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      Thread.sleep(200);
      assertFalse(reader.isDone(), "the reader waits for the dropping transaction");
      s.execute("COMMIT");
      var failure = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> reader.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals("42P01", ((java.sql.SQLException) failure.getCause()).getSQLState());
      expectError(o, "SELECT * FROM tx_ddl", "42P01");
    }
  }

  private static String show(Statement s, String name) throws Exception {
    try (ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void setIsTransactionalAndSetLocalEndsWithTheBlock() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("SET work_mem = '8MB'");
      s.execute("BEGIN");
      s.execute("SET work_mem = '16MB'");
      s.execute("SET application_name = 'inside'");
      s.execute("ROLLBACK");
      assertEquals("8MB", show(s, "work_mem"));
      assertEquals("PostgreSQL JDBC Driver", c.getClientInfo("ApplicationName"), "ParameterStatus after ROLLBACK");
      s.execute("BEGIN");
      s.execute("SET LOCAL work_mem = '32MB'");
      assertEquals("32MB", show(s, "work_mem"));
      s.execute("COMMIT");
      assertEquals("8MB", show(s, "work_mem"));
      s.execute("SET LOCAL work_mem = '64MB'");
      assertEquals("SET LOCAL can only be used in transaction blocks", s.getWarnings().getMessage());
      assertEquals("8MB", show(s, "work_mem"));
    }
  }

  @Test
  void transactionModesAreHonoured() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE");
      assertEquals("serializable", show(s, "transaction_isolation"));
      expectError(s, "CREATE TABLE ro (x int)", "25006");
      s.execute("ROLLBACK");
      s.execute("BEGIN READ ONLY");
      expectError(s, "CREATE TABLE ro (x int)", "25006");
      s.execute("ROLLBACK");
      s.execute("START TRANSACTION ISOLATION LEVEL READ COMMITTED");
      s.execute("END");
    }
  }
}
