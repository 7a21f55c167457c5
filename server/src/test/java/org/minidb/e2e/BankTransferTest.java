package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bank transfers: {@value #CLIENTS} clients each commit {@value #TRANSFERS} transfers between random accounts
 * of {@value #ACCOUNTS}, each one transaction of two UPDATEs and an INSERT into a transfer log, retrying the
 * whole transaction on 40001 (serialization failure) and 40P01 (deadlock: two transfers in opposite
 * directions lock the same two rows in opposite orders). Afterwards the total is exact, the log holds
 * exactly the transfers the clients saw commit (none lost, none doubled), and each balance is its opening
 * balance plus what the log says came in minus what went out. Runs against PostgreSQL too, see
 * {@link IsolationTarget}.
 */
class BankTransferTest {
  static final int CLIENTS = 8;
  static final int TRANSFERS = 150;
  static final int ACCOUNTS = 20;
  static final int OPENING_BALANCE = 1000;
  /** A bound on the whole run, not a timing assertion: a hang fails the test instead of the build. */
  static final long RUN_LIMIT_SECONDS = 120;
  /** A bound on the attempts of one transfer. */
  static final int MAX_ATTEMPTS = 200;

  private static IsolationTarget target;
  private static final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);

  @BeforeAll
  static void start() throws Exception { target = IsolationTarget.start(); }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
    target.close();
  }

  /** One committed transfer, as the client that made it saw it. */
  record Transfer(int client, int seq, int from, int to, int amount) {}

  @ParameterizedTest
  @EnumSource(TxLevel.class)
  void transfersKeepTheTotalAndTheLogExact(TxLevel level) throws Exception {
    if (target.refuses(level)) return;
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      s.execute("drop table if exists accounts");
      s.execute("drop table if exists transfers");
      s.execute("create table accounts (id int, balance int)");
      s.execute("create table transfers (client int, seq int, from_id int, to_id int, amount int)");
      StringBuilder values = new StringBuilder();
      for (int id = 1; id <= ACCOUNTS; id++) {
        values.append(id == 1 ? "" : ", ").append('(').append(id).append(", ").append(OPENING_BALANCE).append(')');
      }
      s.execute("insert into accounts values " + values);
    }
    AtomicInteger retries = new AtomicInteger();
    List<Future<List<Transfer>>> clients = new ArrayList<>();
    for (int k = 0; k < CLIENTS; k++) {
      int client = k;
      clients.add(pool.submit(() -> runClient(client, level, retries)));
    }
    List<Transfer> committed = new ArrayList<>();
    for (Future<List<Transfer>> f : clients) committed.addAll(f.get(RUN_LIMIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(CLIENTS * TRANSFERS, committed.size());
    System.out.printf("bank transfers at %s: %d committed, %d retries%n",
        level.sqlName, committed.size(), retries.get());

    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      assertEquals((long) ACCOUNTS * OPENING_BALANCE, longValue(s, "select sum(balance) from accounts"), "the total");
      assertEquals(ACCOUNTS, longValue(s, "select count(*) from accounts"));
      assertEquals(Set.copyOf(committed), Set.copyOf(log(s)), "the log holds exactly the committed transfers");
      assertEquals(CLIENTS * TRANSFERS, longValue(s, "select count(*) from transfers"), "none doubled");
      Map<Integer, Long> expected = new TreeMap<>();
      for (int id = 1; id <= ACCOUNTS; id++) expected.put(id, (long) OPENING_BALANCE);
      for (Transfer t : committed) {
        expected.merge(t.from(), (long) -t.amount(), Long::sum);
        expected.merge(t.to(), (long) t.amount(), Long::sum);
      }
      assertEquals(expected, balances(s), "each balance follows from the log");
    }
  }

  /** One client's transfers, each retried until it commits; returns those it committed. */
  private static List<Transfer> runClient(int client, TxLevel level, AtomicInteger retries) throws SQLException {
    Random random = new Random(client * 7919L + level.ordinal());
    List<Transfer> done = new ArrayList<>();
    try (Connection c = target.connect();
        PreparedStatement debit = c.prepareStatement("update accounts set balance = balance - ? where id = ?");
        PreparedStatement credit = c.prepareStatement("update accounts set balance = balance + ? where id = ?");
        PreparedStatement log = c.prepareStatement("insert into transfers values (?, ?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(level.pick(Connection.TRANSACTION_READ_COMMITTED,
          Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE));
      for (int seq = 0; seq < TRANSFERS; seq++) {
        int from = 1 + random.nextInt(ACCOUNTS);
        int to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS; // never from itself
        Transfer t = new Transfer(client, seq, from, to, 1 + random.nextInt(50));
        for (int attempt = 1; ; attempt++) {
          try {
            assertEquals(1, run(debit, t.amount(), t.from()), "one row debited");
            assertEquals(1, run(credit, t.amount(), t.to()), "one row credited");
            log.setInt(1, t.client());
            log.setInt(2, t.seq());
            log.setInt(3, t.from());
            log.setInt(4, t.to());
            log.setInt(5, t.amount());
            assertEquals(1, log.executeUpdate());
            c.commit();
            done.add(t);
            break;
          } catch (SQLException e) {
            c.rollback();
            boolean retryable = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
            if (!retryable || attempt >= MAX_ATTEMPTS) throw e;
            retries.incrementAndGet();
            backOff(random, attempt);
          }
        }
      }
    }
    return done;
  }

  /**
   * A short random pause before a retry, growing with the attempts, so that clients that keep failing each
   * other (SERIALIZABLE over sequential scans conflicts a lot) spread out instead of livelocking.
   */
  private static void backOff(Random random, int attempt) {
    try {
      Thread.sleep(random.nextInt(1 + Math.min(attempt, 20)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static int run(PreparedStatement update, int amount, int id) throws SQLException {
    update.setInt(1, amount);
    update.setInt(2, id);
    return update.executeUpdate();
  }

  private static List<Transfer> log(Statement s) throws SQLException {
    List<Transfer> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("select client, seq, from_id, to_id, amount from transfers")) {
      while (rs.next()) out.add(new Transfer(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
    }
    return out;
  }

  private static Map<Integer, Long> balances(Statement s) throws SQLException {
    Map<Integer, Long> out = new TreeMap<>();
    try (ResultSet rs = s.executeQuery("select id, balance from accounts")) {
      while (rs.next()) assertTrue(out.put(rs.getInt(1), rs.getLong(2)) == null, "one row per account");
    }
    return out;
  }

  private static long longValue(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }
}
