package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planner's settings over pgjdbc, as PostgreSQL 15 has them: the cost constants and the {@code enable_*}
 * switches change plans per session (a disabled method costs disable_cost 1.0e10 more, it is not forbidden), SHOW
 * prints reals as PostgreSQL's %g, bad values fail with its messages, and one session's settings never leak into
 * another's plans through the shared plan cache. Expected plans are PostgreSQL 15's on the same tables after
 * VACUUM ANALYZE, with {@code enable_bitmapscan = off} where PostgreSQL would pick a bitmap scan.
 */
class PlannerSettingsTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE flip (id int PRIMARY KEY, k int, pad text)");
      s.execute("INSERT INTO flip SELECT g, g % 100, repeat('x', 20) FROM generate_series(1, 20000) g");
      s.execute("CREATE INDEX flip_k ON flip (k)");
      s.execute("CREATE TABLE other (id int PRIMARY KEY, v int)");
      s.execute("INSERT INTO other SELECT g, g FROM generate_series(1, 500) g");
      s.execute("CREATE TABLE nokey (a int, b int)");
      s.execute("INSERT INTO nokey SELECT g, g FROM generate_series(1, 1000) g");
      s.execute("VACUUM ANALYZE flip");
      s.execute("VACUUM ANALYZE other");
      s.execute("VACUUM ANALYZE nokey");
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static List<String> rows(Statement s, String sql) throws SQLException { return QueryRows.of(s, sql); }

  private static String show(Statement s, String name) throws SQLException {
    return rows(s, "SHOW " + name).getFirst();
  }

  @Test
  void showSetResetOfRealAndMemorySettings() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals("4", show(s, "random_page_cost"));
      assertEquals("1", show(s, "seq_page_cost"));
      assertEquals("0.01", show(s, "cpu_tuple_cost"));
      assertEquals("0.005", show(s, "cpu_index_tuple_cost"));
      assertEquals("0.0025", show(s, "cpu_operator_cost"));
      assertEquals("4GB", show(s, "effective_cache_size"));
      assertEquals("on", show(s, "enable_seqscan"));
      assertEquals("off", show(s, "enable_partitionwise_join"));
      s.execute("SET random_page_cost = ' 2.50 '");
      assertEquals("2.5", show(s, "random_page_cost"));
      s.execute("SET cpu_operator_cost = 0.00000123456789");
      assertEquals("1.23457e-06", show(s, "cpu_operator_cost"));
      s.execute("SET seq_page_cost = 1234567.5");
      assertEquals("1.23457e+06", show(s, "seq_page_cost"));
      s.execute("SET effective_cache_size = 1000");
      assertEquals("8000kB", show(s, "effective_cache_size"));
      s.execute("SET enable_seqscan = false");
      assertEquals("off", show(s, "enable_seqscan"));
      s.execute("RESET random_page_cost");
      assertEquals("4", show(s, "random_page_cost"));
      s.execute("RESET ALL");
      assertEquals("1", show(s, "seq_page_cost"));
      assertEquals("on", show(s, "enable_seqscan"));
      SQLException e = assertThrows(SQLException.class, () -> s.execute("SET random_page_cost = -1"));
      assertEquals("22023", e.getSQLState());
      assertEquals("ERROR: -1 is outside the valid range for parameter \"random_page_cost\" (0 .. 1.79769e+308)",
          e.getMessage());
      e = assertThrows(SQLException.class, () -> s.execute("SET random_page_cost = 'abc'"));
      assertEquals("ERROR: invalid value for parameter \"random_page_cost\": \"abc\"", e.getMessage());
      e = assertThrows(SQLException.class, () -> s.execute("SET enable_seqscan = maybe"));
      assertEquals("22023", e.getSQLState());
      assertEquals("ERROR: parameter \"enable_seqscan\" requires a Boolean value", e.getMessage());
    }
  }

  @Test
  void disabledMethodsCostDisableCostAndAreKeptWhereNothingElseWorks() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      String plain = rows(s, "EXPLAIN SELECT * FROM nokey WHERE a > 10").getFirst();
      s.execute("SET enable_seqscan = off");
      // PostgreSQL 15: Seq Scan on nokey  (cost=10000000000.00..10000000017.50 rows=990 width=8)
      String disabled = rows(s, "EXPLAIN SELECT * FROM nokey WHERE a > 10").getFirst();
      assertTrue(disabled.startsWith("Seq Scan on nokey  (cost=10000000000.00..100000000"), disabled);
      assertEquals(total(plain) + 1.0e10, total(disabled), 0.011, plain + " / " + disabled);
      s.execute("SET enable_bitmapscan = off");
      assertEquals(List.of("Index Scan using flip_pkey on flip", "  Index Cond: (id > 42)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM flip WHERE id > 42"));
      s.execute("RESET ALL");
      assertEquals(List.of("Seq Scan on flip", "  Filter: (id > 42)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM flip WHERE id > 42"));
    }
  }

  @Test
  void joinAndScanMethodsFollowTheirSwitches() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      String join = "EXPLAIN (COSTS OFF) SELECT * FROM flip f JOIN other o ON f.k = o.id";
      assertEquals("Hash Join", rows(s, join).getFirst());
      s.execute("SET enable_hashjoin = off");
      s.execute("SET enable_mergejoin = off");
      // PostgreSQL 15 adds a Memoize over an index scan of other; MiniDB has neither (yet): a nested loop.
      assertEquals("Nested Loop", rows(s, join).getFirst());
      s.execute("RESET ALL");
      assertEquals(List.of("Index Only Scan using flip_pkey on flip", "  Index Cond: (id < 100)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id FROM flip WHERE id < 100"));
      s.execute("SET enable_indexonlyscan = off");
      assertEquals(List.of("Index Scan using flip_pkey on flip", "  Index Cond: (id < 100)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id FROM flip WHERE id < 100"));
      s.execute("RESET ALL");
      s.execute("SET enable_sort = off");
      // PostgreSQL 15: Sort  (cost=10000000064.83..10000000067.33 rows=1000 width=8)
      assertTrue(rows(s, "EXPLAIN SELECT * FROM nokey ORDER BY b").getFirst().startsWith("Sort  (cost=1000000006"));
      s.execute("RESET ALL");
      s.execute("SET enable_hashagg = off");
      // PostgreSQL 15 sorts and groups instead, as MiniDB does.
      assertEquals(List.of("GroupAggregate", "  Group Key: b", "  ->  Sort", "        Sort Key: b",
          "        ->  Seq Scan on nokey"), rows(s, "EXPLAIN (COSTS OFF) SELECT b, count(*) FROM nokey GROUP BY b"));
    }
  }

  @Test
  void costConstantsChangeEstimatesAndChoices() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      String before = rows(s, "EXPLAIN SELECT * FROM nokey").getFirst();
      s.execute("SET cpu_tuple_cost = 0.02");
      String after = rows(s, "EXPLAIN SELECT * FROM nokey").getFirst();
      // cost_seqscan: pages x seq_page_cost + rows x cpu_tuple_cost; 1000 rows add 10.00 at 0.02.
      assertEquals(total(before) + 10.0, total(after), 0.011, before + " / " + after);
      s.execute("RESET cpu_tuple_cost");
      String query = "EXPLAIN (COSTS OFF) SELECT * FROM flip WHERE k < 10";
      // PostgreSQL 15 (enable_bitmapscan off): Seq Scan, then Index Scan using flip_k (cost=0.29..638.19)
      assertEquals("Seq Scan on flip", rows(s, query).getFirst());
      s.execute("SET seq_page_cost = 1000");
      assertEquals("Index Scan using flip_k on flip", rows(s, query).getFirst());
    }
  }

  @Test
  void oneSessionsSettingsDoNotReachAnotherThroughThePlanCache() throws Exception {
    String query = "SELECT count(*) FROM flip WHERE id > 19990";
    try (Connection a = server.connect(); Connection b = server.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("SET enable_indexscan = off");
      sa.execute("SET enable_indexonlyscan = off");
      assertEquals(List.of("10"), rows(sa, query));
      assertEquals(List.of("10"), rows(sb, query));
      // The cache holds both plans now, one per settings; EXPLAIN of each session shows its own.
      assertEquals("Seq Scan on flip", rows(sa, "EXPLAIN (COSTS OFF) " + query).get(1).strip().replace("->  ", ""));
      assertTrue(rows(sb, "EXPLAIN (COSTS OFF) " + query).get(1).contains("Index"));
    }
  }

  private static double total(String line) {
    String cost = line.substring(line.indexOf("..") + 2);
    return Double.parseDouble(cost.substring(0, cost.indexOf(' ')));
  }
}
