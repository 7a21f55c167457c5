package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability proven by kill -9 (issue 5): a server process with {@code fsync=on} under load from several
 * autocommit clients is killed with SIGKILL at a random moment, restarted, and checked:
 * <ul>
 *   <li>every batch the server acknowledged is present, whole;</li>
 *   <li>no batch is partly visible (a multi-row INSERT is all or nothing, acknowledged or not);</li>
 *   <li>the sum of the account balances, moved only by single-statement transfers, is unchanged;</li>
 *   <li>both tables' B-tree indexes pass the amcheck-like check, every row's entry present.</li>
 * </ul>
 * The kill comes after a random 0.2–1.5 s of load; nothing waits for a lucky moment, every cycle checks.
 * {@code -Dcrash.cycles=N} sets the number of cycles (default 20; {@code bench/crash-loop.sh} runs hundreds),
 * {@code -Dcrash.seconds=S} a time bound, {@code -Dcrash.classpath=...} the server's class path (the bench
 * runs the server from a copy of the jars, so that a rebuild during a long run cannot break it).
 */
class CrashLoopTest {
  private static final Pattern LISTENING = Pattern.compile("listening on IPv4 address \"127.0.0.1\", port (\\d+)");
  private static final Pattern READY = Pattern.compile("database system is ready to accept connections");
  private static final int ACCOUNTS = 10;
  private static final long INITIAL_BALANCE = 1000;
  private static final int CLIENTS = 4;

  /** One server process on the data directory, its log in a file (kept on failure for the message). */
  private static final class Server implements AutoCloseable {
    final Process process;
    final Path log;

    Server(Path dataDir, Path log) throws IOException {
      this.log = log;
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("crash.classpath", System.getProperty("java.class.path")),
          "org.minidb.server.Main", "-D", dataDir.toString(), "-p", "0", "-c", "fsync=on",
          "-c", "shared_buffers=8MB",
          // Far below PostgreSQL's 30s minimum on purpose: background checkpoints run during the load, so kills
          // land before, in and after them (redo points, full-page images, segment removal all get exercised).
          "-c", "checkpoint_timeout=" + System.getProperty("crash.checkpoint_timeout", "1s"));
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    String output() throws IOException { return Files.readString(log, StandardCharsets.UTF_8); }

    /** The port, once the server is ready; fails the test if it does not get ready within 60 s. */
    int awaitReady() throws InterruptedException, IOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String out = output();
        Matcher m = LISTENING.matcher(out);
        if (m.find() && READY.matcher(out).find()) return Integer.parseInt(m.group(1));
        if (!process.isAlive()) fail("server exited with " + process.exitValue() + ":\n" + output());
        Thread.sleep(20);
      }
      fail("server not ready within 60 s:\n" + output());
      return -1;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "server did not die on SIGKILL");
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) kill();
    }
  }

  private static Connection connect(int port) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
        + "/postgres?user=postgres&connectTimeout=10&socketTimeout=30");
  }

  /** What the clients learned from the server: acknowledged batches (id → rows), counters for the report. */
  private static final class Ledger {
    final Map<Integer, Integer> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger nextBatch = new AtomicInteger(1);
    final AtomicLong ackedInserts = new AtomicLong();
    final AtomicLong ackedTransfers = new AtomicLong();
  }

  @Test
  void everyAcknowledgedCommitSurvivesSigkill(@TempDir Path dir) throws Exception {
    int cycles = Integer.getInteger("crash.cycles", 20);
    long budgetNanos = TimeUnit.SECONDS.toNanos(Long.getLong("crash.seconds", 600));
    long start = System.nanoTime();
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    Ledger ledger = new Ledger();

    try (Server first = new Server(data, log)) {
      int port = first.awaitReady();
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE acct (id int PRIMARY KEY, bal bigint)");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < ACCOUNTS; i++) values.append(i == 0 ? "" : ", ").append("(" + i + ", " + INITIAL_BALANCE + ")");
        s.execute("INSERT INTO acct VALUES " + values);
        s.execute("CREATE TABLE batch (bid int, n int, k int)");
        s.execute("CREATE INDEX ON batch (bid, k)");
        // CHECKPOINT, and the checkpointer's settings with PostgreSQL's names and defaults.
        assertEquals(false, s.execute("CHECKPOINT"));
        try (ResultSet rs = s.executeQuery("SHOW checkpoint_timeout")) {
          assertTrue(rs.next());
          assertEquals(System.getProperty("crash.checkpoint_timeout", "1s"), rs.getString(1));
        }
        try (ResultSet rs = s.executeQuery("SHOW max_wal_size")) {
          assertTrue(rs.next());
          assertEquals("1GB", rs.getString(1));
        }
      }
      first.kill(); // the setup itself must survive a kill: it was acknowledged
    }

    int done = 0;
    for (int cycle = 1; cycle <= cycles && System.nanoTime() - start < budgetNanos; cycle++) {
      Files.writeString(log, "");
      try (Server server = new Server(data, log)) {
        int port = server.awaitReady();
        verify(port, ledger, cycle, server);
        runLoadThenKill(port, ledger, server);
      }
      done++;
    }
    // A last start checks what the last kill left.
    Files.writeString(log, "");
    try (Server server = new Server(data, log)) {
      verify(server.awaitReady(), ledger, done + 1, server);
    }
    System.out.printf("crash loop: %d cycles, %d acknowledged batches, %d acknowledged transfers, all verified%n",
        done, ledger.ackedInserts.get(), ledger.ackedTransfers.get());
    assertTrue(done >= Math.min(cycles, 1));
  }

  /** Clients write until a random moment, then the server is SIGKILLed; the clients stop on their errors. */
  private static void runLoadThenKill(int port, Ledger ledger, Server server) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> clients = new ArrayList<>();
    List<Throwable> unexpected = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(Thread.ofPlatform().name("crash-client-" + i).start(() -> {
        try (Connection c = connect(port); Statement s = c.createStatement()) {
          ThreadLocalRandom r = ThreadLocalRandom.current();
          for (int op = 0; op < 100_000 && !stop.get(); op++) {
            if (r.nextBoolean()) {
              int bid = ledger.nextBatch.getAndIncrement();
              int n = 1 + r.nextInt(8);
              StringBuilder sql = new StringBuilder("INSERT INTO batch VALUES ");
              for (int k = 0; k < n; k++) sql.append(k == 0 ? "" : ", ").append("(" + bid + ", " + n + ", " + k + ")");
              assertEquals(n, s.executeUpdate(sql.toString()));
              ledger.acknowledged.put(bid, n);
              ledger.ackedInserts.incrementAndGet();
            } else {
              int a = r.nextInt(ACCOUNTS);
              int b = (a + 1 + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
              int x = 1 + r.nextInt(50);
              assertEquals(2, s.executeUpdate("UPDATE acct SET bal = bal + CASE WHEN id = " + a + " THEN -" + x
                  + " WHEN id = " + b + " THEN " + x + " END WHERE id IN (" + a + ", " + b + ")"));
              ledger.ackedTransfers.incrementAndGet();
            }
          }
        } catch (SQLException expectedOnKill) {
          // The connection broke (the kill) or could not be made after it: the statement in flight is unknown.
        } catch (Throwable t) {
          synchronized (unexpected) { unexpected.add(t); }
        }
      }));
    }
    long loadMillis = ThreadLocalRandom.current().nextLong(200, 1501);
    Thread.sleep(loadMillis);
    server.kill();
    stop.set(true);
    for (Thread t : clients) {
      t.join(TimeUnit.SECONDS.toMillis(60));
      assertTrue(!t.isAlive(), "client thread did not stop after the kill");
    }
    if (!unexpected.isEmpty()) {
      AssertionError e = new AssertionError("a client failed before the kill:\n" + server.output());
      unexpected.forEach(e::addSuppressed);
      throw e;
    }
  }

  private static void verify(int port, Ledger ledger, int cycle, Server server) throws Exception {
    try (Connection c = connect(port); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*), sum(bal) FROM acct")) {
        assertTrue(rs.next());
        assertEquals(ACCOUNTS, rs.getInt(1), "cycle " + cycle + ": accounts\n" + server.output());
        assertEquals(ACCOUNTS * INITIAL_BALANCE, rs.getLong(2), "cycle " + cycle + ": the sum moved\n" + server.output());
      }
      Map<Integer, int[]> seen = new HashMap<>(); // bid -> {rows, n, distinct-k check sum}
      try (ResultSet rs = s.executeQuery("SELECT bid, count(*), min(n), max(n), sum(k) FROM batch GROUP BY bid")) {
        while (rs.next()) {
          int bid = rs.getInt(1), rows = rs.getInt(2), n = rs.getInt(3);
          assertEquals(n, rs.getInt(4), "cycle " + cycle + ": batch " + bid + " mixes row counts");
          assertEquals(n, rows, "cycle " + cycle + ": batch " + bid + " is partial\n" + server.output());
          assertEquals((long) n * (n - 1) / 2, rs.getLong(5), "cycle " + cycle + ": batch " + bid + " rows");
          seen.put(bid, new int[] {rows, n});
        }
      }
      // The indexes went through the same kills (splits, full-page images, replay): each must be a valid B-tree
      // holding exactly one entry for every row (amcheck's heapallindexed), or this fails with XX002.
      try (ResultSet rs = s.executeQuery(
          "SELECT bt_index_check('acct_pkey', true), bt_index_check('batch_bid_k_idx', true)")) {
        assertTrue(rs.next());
      }
      for (Map.Entry<Integer, Integer> e : ledger.acknowledged.entrySet()) {
        int[] got = seen.get(e.getKey());
        if (got == null) fail("cycle " + cycle + ": acknowledged batch " + e.getKey() + " is lost\n" + server.output());
        assertEquals(e.getValue().intValue(), got[0], "cycle " + cycle + ": batch " + e.getKey());
      }
    }
  }
}
