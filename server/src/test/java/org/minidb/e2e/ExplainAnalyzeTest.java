package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN ANALYZE over pgjdbc: actual rows equal to the real counts, PostgreSQL 15's text for the same schema and
 * data where the plans agree (times masked), TIMING / SUMMARY / BUFFERS, Sort and Hash figures, DML that really
 * changes data (and follows the transaction block), FORMAT JSON with PostgreSQL's keys.
 */
class ExplainAnalyzeTest {
  private static final String QUIET = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (a int, b text)");
      s.execute("INSERT INTO t SELECT g, 's' || g FROM generate_series(1, 1000) g");
      s.execute("CREATE TABLE u (a int PRIMARY KEY, c int)");
      s.execute("INSERT INTO u SELECT g, g % 10 FROM generate_series(1, 100) g");
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  /** Times and sizes replaced by placeholders, so that a plan's shape can be compared with PostgreSQL's. */
  static List<String> masked(List<String> lines) {
    return lines.stream().map(l -> l.replaceAll("time=[0-9.]+\\.\\.[0-9.]+", "time=T")
        .replaceAll("Time: [0-9.]+ ms", "Time: T ms").replaceAll("Memory( Usage)?: [0-9]+kB", "Memory$1: NkB")
        .replaceAll("hit=[0-9]+", "hit=N")).toList();
  }

  @Test
  void seqScanFilterAsPostgres() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // PostgreSQL 15, same table and data
      assertEquals(List.of("Seq Scan on t (actual rows=9 loops=1)", "  Filter: (a < 10)",
          "  Rows Removed by Filter: 991"), rows(s, QUIET + "SELECT * FROM t WHERE a < 10"));
      assertEquals(List.of("Limit (actual rows=0 loops=1)", "  ->  Seq Scan on t (never executed)"),
          rows(s, QUIET + "SELECT * FROM t LIMIT 0"));
    }
  }

  @Test
  void hashJoinSortLimitAsPostgres() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // PostgreSQL 15's EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) for the same query, data and plan; its hit counts
      // differ (it has more heap pages), its Planning: Buffers section is not printed by MiniDB
      List<String> pg = List.of(
          "Limit (actual time=T rows=5 loops=1)",
          "  Buffers: shared hit=N",
          "  ->  Sort (actual time=T rows=5 loops=1)",
          "        Sort Key: t.a",
          "        Sort Method: top-N heapsort  Memory: NkB",
          "        Buffers: shared hit=N",
          "        ->  Hash Join (actual time=T rows=99 loops=1)",
          "              Hash Cond: (t.a = u.a)",
          "              Buffers: shared hit=N",
          "              ->  Seq Scan on t (actual time=T rows=999 loops=1)",
          "                    Filter: (b <> 's5'::text)",
          "                    Rows Removed by Filter: 1",
          "                    Buffers: shared hit=N",
          "              ->  Hash (actual time=T rows=100 loops=1)",
          "                    Buckets: 1024  Batches: 1  Memory Usage: NkB",
          "                    Buffers: shared hit=N",
          "                    ->  Seq Scan on u (actual time=T rows=100 loops=1)",
          "                          Buffers: shared hit=N",
          "Planning Time: T ms",
          "Execution Time: T ms");
      assertEquals(pg, masked(rows(s, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM t JOIN u ON t.a = u.a"
          + " WHERE t.b <> 's5' ORDER BY t.a LIMIT 5")));
    }
  }

  private static final Pattern ACTUAL = Pattern.compile("\\(actual rows=(\\d+) loops=(\\d+)\\)");

  private static long rootRows(Statement s, String sql) throws SQLException {
    Matcher m = ACTUAL.matcher(rows(s, QUIET + sql).get(0));
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + sql + ") q")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void actualRowsEqualRealCounts() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String q : List.of("SELECT * FROM t", "SELECT * FROM t WHERE a % 3 = 0",
          "SELECT * FROM t JOIN u ON t.a = u.c", "SELECT * FROM t LEFT JOIN u ON t.a = u.a AND u.c > 4",
          "SELECT b, count(*) FROM t GROUP BY b HAVING count(*) = 1", "SELECT * FROM t ORDER BY b DESC LIMIT 17",
          "SELECT a FROM t UNION SELECT c FROM u", "SELECT * FROM t, u WHERE t.b < u.c::text",
          "SELECT DISTINCT c FROM u", "SELECT * FROM u WHERE a = 42", "SELECT * FROM u WHERE a BETWEEN 5 AND 60")) {
        assertEquals(count(s, q), rootRows(s, q), q);
      }
      // every node: a join's inputs show the rows each side produced
      String join = "SELECT * FROM t JOIN u ON t.a = u.c WHERE t.a < 500 AND u.c > 0";
      assertEquals(90, count(s, join));
      // PostgreSQL 15 hashes the other side; each node's figures are the same
      assertEquals(List.of("Hash Join (actual rows=90 loops=1)", "  Hash Cond: (t.a = u.c)",
          "  ->  Seq Scan on t (actual rows=499 loops=1)", "        Filter: (a < 500)",
          "        Rows Removed by Filter: 501", "  ->  Hash (actual rows=90 loops=1)",
          "        Buckets: 1024  Batches: 1  Memory Usage: NkB", "        ->  Seq Scan on u (actual rows=90 loops=1)",
          "              Filter: (c > 0)", "              Rows Removed by Filter: 10"), masked(rows(s, QUIET + join)));
    }
  }

  @Test
  void nestedLoopJoinFilterAsPostgres() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      List<String> plan = rows(s, QUIET + "SELECT * FROM t, u WHERE t.b < u.c::text");
      // PostgreSQL puts a Materialize over the inner scan; the counts are the same
      assertEquals("Nested Loop (actual rows=0 loops=1)", plan.get(0));
      assertEquals(List.of("  Join Filter: (t.b < (u.c)::text)", "  Rows Removed by Join Filter: 100000"),
          plan.subList(1, 3));
    }
  }

  @Test
  void timingAndSummaryOptions() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      List<String> old = rows(s, "EXPLAIN ANALYZE SELECT count(*) FROM t");
      assertTrue(old.get(0).matches("Aggregate +(\\(cost=.*\\) )?\\(actual time=\\d+\\.\\d{3}\\.\\.\\d+\\.\\d{3} rows=1 loops=1\\)"),
          old.get(0));
      assertTrue(old.get(old.size() - 2).matches("Planning Time: \\d+\\.\\d{3} ms"), old.toString());
      assertTrue(old.get(old.size() - 1).matches("Execution Time: \\d+\\.\\d{3} ms"), old.toString());
      List<String> noTiming = rows(s, "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) SELECT count(*) FROM t");
      assertEquals("Aggregate (actual rows=1 loops=1)", noTiming.get(0));
      assertEquals(4, noTiming.size(), noTiming.toString());
      assertEquals(List.of("Seq Scan on t", "Planning Time: T ms"),
          masked(rows(s, "EXPLAIN (SUMMARY, COSTS OFF) SELECT * FROM t")));
      assertEquals(List.of("Seq Scan on t"), rows(s, "EXPLAIN (BUFFERS, COSTS OFF) SELECT * FROM t"));
      SQLException e = assertThrows(SQLException.class, () -> rows(s, "EXPLAIN (TIMING) SELECT 1"));
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().contains("EXPLAIN option TIMING requires ANALYZE"), e.getMessage());
      e = assertThrows(SQLException.class, () -> rows(s, "EXPLAIN (ANALYZE, FORMAT YAML) SELECT 1"));
      assertEquals("0A000", e.getSQLState());
    }
  }

  @Test
  void sortMethods() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertTrue(rows(s, QUIET + "SELECT * FROM t ORDER BY b").stream()
          .anyMatch(l -> l.matches(" +Sort Method: quicksort  Memory: \\d+kB")));
      assertTrue(rows(s, QUIET + "SELECT * FROM t ORDER BY b LIMIT 3").stream()
          .anyMatch(l -> l.matches(" +Sort Method: top-N heapsort  Memory: \\d+kB")));
      s.execute("SET work_mem = '64kB'");
      s.execute("CREATE TABLE big (a int, b text)");
      s.execute("INSERT INTO big SELECT g, repeat('x', 200) || g FROM generate_series(1, 3000) g");
      try {
        assertTrue(rows(s, QUIET + "SELECT * FROM big ORDER BY b").stream()
            .anyMatch(l -> l.matches(" +Sort Method: external merge  Disk: \\d+kB")));
        assertTrue(rows(s, QUIET + "SELECT * FROM big x JOIN big y ON x.a = y.a").stream()
            .anyMatch(l -> l.matches(" +Buckets: \\d+  Batches: [1-9]\\d+  Memory Usage: \\d+kB")));
      } finally {
        s.execute("DROP TABLE big");
        s.execute("RESET work_mem");
      }
    }
  }

  @Test
  void hashAggregateAsPostgres() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // PostgreSQL 15, same table and data (its memory figure differs)
      assertEquals(List.of("HashAggregate (actual rows=0 loops=1)", "  Group Key: b", "  Filter: (count(*) > 1)",
          "  Batches: 1  Memory Usage: NkB", "  Rows Removed by Filter: 1000",
          "  ->  Seq Scan on t (actual rows=1000 loops=1)"),
          masked(rows(s, QUIET + "SELECT b, count(*) FROM t GROUP BY b HAVING count(*) > 1")));
      s.execute("SET work_mem = '64kB'");
      try {
        assertTrue(rows(s, QUIET + "SELECT b, count(*) FROM t GROUP BY b").stream()
            .anyMatch(l -> l.matches("  Batches: [2-9]\\d*  Memory Usage: \\d+kB  Disk Usage: \\d+kB")));
      } finally {
        s.execute("RESET work_mem");
      }
    }
  }

  @Test
  void buffersCountPages() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      List<String> plan = rows(s, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM t");
      assertEquals(2, plan.size(), plan.toString());
      Matcher m = Pattern.compile("  Buffers: shared hit=(\\d+)( read=(\\d+))?").matcher(plan.get(1));
      assertTrue(m.matches(), plan.get(1));
      long pages;
      try (ResultSet rs = s.executeQuery("SELECT pg_relation_size('t') / 8192")) {
        rs.next();
        pages = rs.getLong(1);
      }
      long touched = Long.parseLong(m.group(1)) + (m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
      assertEquals(pages, touched, plan.toString());
      // an UPDATE dirties the clean pages it changes
      s.execute("CHECKPOINT");
      c.setAutoCommit(false);
      List<String> update = rows(s, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) "
          + "UPDATE t SET b = b WHERE a = 1");
      assertTrue(update.get(1).matches("  Buffers: shared hit=\\d+.* dirtied=\\d+.*"), update.toString());
      c.rollback();
    }
  }

  @Test
  void dmlRunsAndFollowsTheTransaction() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE d (a int, b int)");
      assertEquals(List.of("Insert on d (actual rows=0 loops=1)",
          "  ->  Function Scan on generate_series (actual rows=10 loops=1)"),
          rows(s, QUIET + "INSERT INTO d SELECT g, g FROM generate_series(1, 10) g"));
      assertEquals(10, count(s, "SELECT * FROM d"));
      // PostgreSQL 15: the same
      assertEquals(List.of("Update on d (actual rows=0 loops=1)", "  ->  Seq Scan on d (actual rows=3 loops=1)",
          "        Filter: (a <= 3)", "        Rows Removed by Filter: 7"),
          rows(s, QUIET + "UPDATE d SET b = 0 WHERE a <= 3"));
      assertEquals(3, count(s, "SELECT * FROM d WHERE b = 0"));
      c.setAutoCommit(false);
      rows(s, QUIET + "DELETE FROM d WHERE a > 5");
      assertEquals(5, count(s, "SELECT * FROM d"));
      c.rollback();
      assertEquals(10, count(s, "SELECT * FROM d"));
      s.execute("SET TRANSACTION READ ONLY");
      SQLException e = assertThrows(SQLException.class, () -> rows(s, "EXPLAIN ANALYZE DELETE FROM d"));
      assertEquals("25006", e.getSQLState());
      c.rollback();
      c.setAutoCommit(true);
      assertEquals(10, count(s, "SELECT * FROM d"));
      s.execute("DROP TABLE d");
    }
  }

  @Test
  void preparedWithParameters() throws Exception {
    try (Connection c = server.connect();
        PreparedStatement p = c.prepareStatement(QUIET + "SELECT * FROM t WHERE a > ?")) {
      for (int bound : new int[] {990, 500}) {
        p.setInt(1, bound);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) out.add(rs.getString(1));
        }
        assertEquals("Seq Scan on t (actual rows=" + (1000 - bound) + " loops=1)", out.get(0));
      }
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void jsonHasPostgresKeys() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      List<String> out = rows(s, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM t JOIN u ON t.a = u.a"
          + " WHERE t.b <> 's5' ORDER BY t.a LIMIT 5");
      assertEquals(1, out.size());
      List<Object> doc = (List<Object>) MiniJson.parse(out.get(0));
      Map<String, Object> top = (Map<String, Object>) doc.get(0);
      assertEquals(List.of("Plan", "Planning Time", "Triggers", "Execution Time"), List.copyOf(top.keySet()));
      Map<String, Object> limit = (Map<String, Object>) top.get("Plan");
      assertEquals("Limit", limit.get("Node Type"));
      for (String k : List.of("Parallel Aware", "Async Capable", "Actual Startup Time", "Actual Total Time",
          "Actual Rows", "Actual Loops", "Shared Hit Blocks", "Shared Read Blocks", "Shared Dirtied Blocks",
          "Shared Written Blocks", "Temp Written Blocks", "Plans")) {
        assertTrue(limit.containsKey(k), k + " in " + limit.keySet());
      }
      assertEquals(5.0, limit.get("Actual Rows"));
      Map<String, Object> sort = (Map<String, Object>) ((List<Object>) limit.get("Plans")).get(0);
      assertEquals("Outer", sort.get("Parent Relationship"));
      assertEquals(List.of("t.a"), sort.get("Sort Key"));
      assertEquals("top-N heapsort", sort.get("Sort Method"));
      assertEquals("Memory", sort.get("Sort Space Type"));
      Map<String, Object> join = (Map<String, Object>) ((List<Object>) sort.get("Plans")).get(0);
      assertEquals("Hash Join", join.get("Node Type"));
      assertEquals("Inner", join.get("Join Type"));
      assertEquals("(t.a = u.a)", join.get("Hash Cond"));
      List<Object> sides = (List<Object>) join.get("Plans");
      Map<String, Object> scan = (Map<String, Object>) sides.get(0);
      assertEquals("Seq Scan", scan.get("Node Type"));
      assertEquals("t", scan.get("Relation Name"));
      assertEquals("t", scan.get("Alias"));
      assertEquals("(b <> 's5'::text)", scan.get("Filter"));
      assertEquals(1.0, scan.get("Rows Removed by Filter"));
      assertEquals(999.0, scan.get("Actual Rows"));
      Map<String, Object> hash = (Map<String, Object>) sides.get(1);
      assertEquals("Hash", hash.get("Node Type"));
      assertEquals("Inner", hash.get("Parent Relationship"));
      assertEquals(1.0, hash.get("Hash Batches"));
      assertTrue(hash.containsKey("Peak Memory Usage"));
      // plain EXPLAIN: no actual figures, no summary
      Map<String, Object> plain = (Map<String, Object>) ((List<Object>) MiniJson.parse(
          rows(s, "EXPLAIN (FORMAT JSON) UPDATE u SET c = 1 WHERE c = 2").get(0))).get(0);
      assertEquals(List.of("Plan"), List.copyOf(plain.keySet()));
      Map<String, Object> update = (Map<String, Object>) plain.get("Plan");
      assertEquals("ModifyTable", update.get("Node Type"));
      assertEquals("Update", update.get("Operation"));
      assertEquals("u", update.get("Relation Name"));
      assertTrue(!update.containsKey("Actual Rows"));
    }
  }
}
