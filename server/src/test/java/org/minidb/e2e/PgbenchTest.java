package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgbench against MiniDB: {@code pgbench -i -s 1} with its default steps {@code dtgvp} (drop, create, client-side
 * data generation, which loads pgbench_accounts through COPY FROM STDIN after a TRUNCATE, {@code vacuum analyze} of
 * each table, then the primary keys through ALTER TABLE ... ADD PRIMARY KEY), then the default TPC-B-like script
 * with two clients in the prepared and the simple protocol. Afterwards TPC-B's invariant must hold: every balance
 * sum equals the sum of the history's deltas.
 */
class PgbenchTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static String pgbench() {
    for (String dir : new String[] {"/usr/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin"}) {
      if (new File(dir, "pgbench").canExecute()) return dir + "/pgbench";
    }
    return null;
  }

  private static String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(pgbench(), "-h", "127.0.0.1", "-p", String.valueOf(server.port()),
        "-U", "postgres"));
    command.addAll(List.of(args));
    command.add("postgres");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pgbench timed out");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  @Test
  void initializeThenRunTpcB() throws Exception {
    assumeTrue(pgbench() != null, "pgbench is not installed (.ci/run installs postgresql-client, which has it)");
    String init = run("-i", "-s", "1");
    assertTrue(init.contains("100000 of 100000 tuples (100%) done"), init);
    assertTrue(init.contains("vacuuming..."), init);
    assertTrue(init.contains("creating primary keys..."), init);
    for (String mode : List.of("prepared", "simple")) {
      String bench = run("-n", "-c", "2", "-t", "25", "-M", mode);
      assertTrue(bench.contains("number of transactions actually processed: 50/50"), bench);
      assertTrue(bench.contains("number of failed transactions: 0 (0.000%)"), bench);
    }
    try (Connection c = server.connect(); Statement st = c.createStatement()) {
      assertEquals(100000, number(st, "SELECT count(*) FROM pgbench_accounts"));
      // Step v analyzed the tables (autoanalyze may have done it again since: the count stays).
      assertEquals(100000, number(st, "SELECT reltuples FROM pg_class WHERE relname = 'pgbench_accounts'"));
      assertEquals(100, number(st, "SELECT count(*) FROM pgbench_history"));
      assertEquals(List.of("pgbench_accounts_pkey", "pgbench_branches_pkey", "pgbench_tellers_pkey"), names(st,
          "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conname LIKE 'pgbench%' ORDER BY conname"));
      long delta = number(st, "SELECT sum(delta) FROM pgbench_history");
      assertEquals(delta, number(st, "SELECT sum(abalance) FROM pgbench_accounts"));
      assertEquals(delta, number(st, "SELECT sum(tbalance) FROM pgbench_tellers"));
      assertEquals(delta, number(st, "SELECT sum(bbalance) FROM pgbench_branches"));
    }
  }

  private static List<String> names(Statement st, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  private static long number(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
