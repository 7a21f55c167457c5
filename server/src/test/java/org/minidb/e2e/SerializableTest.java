package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * SERIALIZABLE beyond Hermitage's cells: the classic anomalies that snapshot isolation lets through (write skew
 * of two doctors going off call, Fekete et al.'s read-only anomaly) are refused with 40001 as PostgreSQL refuses
 * them, while transactions that touch different tables do not conflict. Every outcome, and each error's DETAIL,
 * was recorded from PostgreSQL 15 (no indexes there either: sequential scans, relation-level SIREAD locks), see
 * {@link IsolationTarget}.
 */
class SerializableTest extends HermitageTableTest {
  private static void setUp(String... statements) throws SQLException {
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      for (String sql : statements) s.execute(sql);
    }
  }

  /** Two doctors on call each see the other one on call and go off: write skew. */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"REPEATABLE_READ", "SERIALIZABLE"})
  void writeSkewOfTwoDoctorsOnCall(TxLevel level) throws SQLException {
    setUp("drop table if exists doctors", "create table doctors (id int, on_call int)",
        "insert into doctors values (1, 1), (2, 1)");
    try (SteppedClient alice = begun("alice", level); SteppedClient bob = begun("bob", level)) {
      alice.run("select count(*), 0 from doctors where on_call = 1", "{2=>0}");
      bob.run("select count(*), 0 from doctors where on_call = 1", "{2=>0}");
      alice.run("update doctors set on_call = 0 where id = 1", "1 row");
      bob.run("update doctors set on_call = 0 where id = 2", "1 row");
      alice.run("commit", "ok");
      bob.run("commit", level.pick(null, "ok", HermitageTest.RW_DEPENDENCIES));
      alice.run("select count(*), 0 from doctors where on_call = 1", level.pick(null, "{0=>0}", "{1=>0}"));
    }
  }

  /**
   * Fekete, O'Neil and O'Neil's read-only anomaly: a receipt (T1) read the current batch before the batch was
   * closed (T2); a report (T3) that saw the batch closed and totalled it must not miss the receipt. Only the
   * read-only T3 makes the history non-serializable, and T1's insert fails.
   */
  @ParameterizedTest
  @EnumSource(value = TxLevel.class, names = {"REPEATABLE_READ", "SERIALIZABLE"})
  void readOnlyAnomaly(TxLevel level) throws SQLException {
    setUp("drop table if exists control", "drop table if exists receipts", "create table control (batch int)",
        "insert into control values (1)", "create table receipts (batch int, amount int)",
        "insert into receipts values (1, 10)");
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = client("T2"); SteppedClient t3 = client("T3")) {
      t1.run("select batch, 0 from control", "{1=>0}");
      t2.begin(level.sqlName);
      t2.run("update control set batch = batch + 1", "1 row");
      t2.run("commit", "ok");
      t3.begin(level.sqlName);
      t3.run("select batch, 0 from control", "{2=>0}");
      t3.run("select batch, sum(amount) from receipts where batch = 1 group by batch", "{1=>10}");
      t3.run("commit", "ok");
      t1.run("insert into receipts values (1, 100)", level.pick(null, "1 row", HermitageTest.RW_DEPENDENCIES));
      t1.run("commit", "ok");
    }
  }

  /** Without T3 the same history is serializable (T1 before T2): everyone commits. */
  @Test
  void receiptWithoutTheReportCommits() throws SQLException {
    setUp("drop table if exists control", "drop table if exists receipts", "create table control (batch int)",
        "insert into control values (1)", "create table receipts (batch int, amount int)");
    TxLevel level = TxLevel.SERIALIZABLE;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select batch, 0 from control", "{1=>0}");
      t2.run("update control set batch = batch + 1", "1 row");
      t2.run("commit", "ok");
      t1.run("insert into receipts values (1, 100)", "1 row");
      t1.run("commit", "ok");
    }
  }

  /** No global lock: SERIALIZABLE transactions reading and writing different tables interleave and commit. */
  @Test
  void transactionsOnDifferentTablesCommitConcurrently() throws SQLException {
    setUp("drop table if exists a", "drop table if exists b", "create table a (id int, value int)",
        "create table b (id int, value int)", "insert into a values (1, 10)", "insert into b values (1, 10)");
    TxLevel level = TxLevel.SERIALIZABLE;
    try (SteppedClient t1 = begun("T1", level); SteppedClient t2 = begun("T2", level)) {
      t1.run("select * from a", "{1=>10}");
      t2.run("select * from b", "{1=>10}");
      t1.run("update a set value = value + 1", "1 row");
      t2.run("update b set value = value + 1", "1 row");
      t1.run("insert into a values (2, 20)", "1 row");
      t2.run("insert into b values (2, 20)", "1 row");
      t2.run("commit", "ok");
      t1.run("commit", "ok");
      t1.run("select * from a", "{1=>11, 2=>20}");
      t1.run("select * from b", "{1=>11, 2=>20}");
    }
  }

  /** The 40001 errors carry PostgreSQL's DETAIL (reason code) and HINT. */
  @Test
  void serializationFailuresSayWhy() throws SQLException {
    try (Connection c1 = target.connect(); Connection c2 = target.connect();
        Statement t1 = c1.createStatement(); Statement t2 = c2.createStatement()) {
      // Write skew: the second committer is the pivot.
      t1.execute("begin isolation level serializable");
      t2.execute("begin isolation level serializable");
      t1.execute("select * from test where id = 1");
      t2.execute("select * from test where id = 2");
      t1.execute("update test set value = 21 where id = 2");
      t2.execute("update test set value = 11 where id = 1");
      t1.execute("commit");
      ServerErrorMessage e = failure(t2, "commit");
      assertEquals("Reason code: Canceled on identification as a pivot, during commit attempt.", e.getDetail());
      assertEquals("The transaction might succeed if retried.", e.getHint());
      // Read-only anomaly on Hermitage's table: the pivot fails at its write.
      t1.execute("begin isolation level serializable");
      t1.execute("select * from test");
      t2.execute("begin isolation level serializable");
      t2.execute("update test set value = value + 5 where id = 2");
      t2.execute("commit");
      t2.execute("begin isolation level serializable");
      t2.execute("select * from test");
      t2.execute("commit");
      e = failure(t1, "update test set value = 0 where id = 1");
      assertEquals("Reason code: Canceled on identification as a pivot, during write.", e.getDetail());
      t1.execute("rollback");
    }
  }

  private static ServerErrorMessage failure(Statement s, String sql) {
    PSQLException e = assertThrows(PSQLException.class, () -> s.execute(sql), sql);
    assertEquals("40001", e.getSQLState(), sql);
    ServerErrorMessage m = e.getServerErrorMessage();
    assertNotNull(m, sql);
    assertEquals("could not serialize access due to read/write dependencies among transactions", m.getMessage());
    return m;
  }

  /** pgjdbc's setTransactionIsolation and SET default_transaction_isolation reach SERIALIZABLE too. */
  @Test
  void serializableIsReachableFromEverySetting() throws SQLException {
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      c.setAutoCommit(false);
      assertEquals("serializable", show(s, "transaction_isolation"));
      c.rollback();
      c.setAutoCommit(true);
      s.execute("set default_transaction_isolation = 'serializable'");
      s.execute("begin");
      assertEquals("serializable", show(s, "transaction_isolation"));
      s.execute("commit");
      s.execute("begin transaction isolation level serializable, read only, deferrable");
      assertEquals("serializable", show(s, "transaction_isolation"));
      s.execute("commit");
    }
  }

  private static String show(Statement s, String name) throws SQLException {
    try (var rs = s.executeQuery("show " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
