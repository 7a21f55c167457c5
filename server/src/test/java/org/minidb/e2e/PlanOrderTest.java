package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans that use the order rows come out in, over pgjdbc: a Sort left out under an index's order (LIMIT stopping
 * early, backward for DESC), Merge Join over two primary keys, GroupAggregate over an index; the plan texts and
 * answers are PostgreSQL 15's on the same schema and data (asked with psql). Merge joins of columns with duplicates and
 * NULLs answer as PostgreSQL for every join type.
 */
class PlanOrderTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id int PRIMARY KEY, a int, b text)");
      s.execute("INSERT INTO t SELECT i, (i * 7919) % 1000, 'x' || i FROM generate_series(1, 20000) i");
      s.execute("CREATE TABLE u (id int PRIMARY KEY, c int)");
      s.execute("INSERT INTO u SELECT i, i % 10 FROM generate_series(1, 20000) i");
      s.execute("CREATE TABLE m1 (k int, v int)");
      s.execute("CREATE TABLE m2 (k int, w int)");
      s.execute("INSERT INTO m1 SELECT CASE WHEN g % 13 = 0 THEN NULL ELSE (g * 7) % 50 END, g"
          + " FROM generate_series(1, 2000) g");
      s.execute("INSERT INTO m2 SELECT CASE WHEN g % 17 = 0 THEN NULL ELSE (g * 11) % 60 END, g"
          + " FROM generate_series(1, 1500) g");
      s.execute("ANALYZE");
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static List<String> rows(Statement s, String sql) throws SQLException { return QueryRows.of(s, sql); }

  @Test
  void orderByThePrimaryKeyReadsTheIndexAndStopsEarly() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(List.of("Limit", "  ->  Index Scan using t_pkey on t"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM t ORDER BY id LIMIT 10"));
      assertEquals(List.of("1|919|x1", "2|838|x2", "3|757|x3"), rows(s, "SELECT * FROM t ORDER BY id LIMIT 3"));
      assertEquals(List.of("Limit", "  ->  Index Scan using t_pkey on t", "        Index Cond: (id > 100)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id > 100 ORDER BY id LIMIT 3"));
      // LIMIT stops the scan: the index scan returned only the rows the Limit asked for.
      assertEquals(List.of("Limit (actual rows=3 loops=1)",
          "  ->  Index Scan using t_pkey on t (actual rows=3 loops=1)"),
          rows(s, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM t ORDER BY id LIMIT 3"));
      // A column without an index keeps its Sort.
      assertEquals(List.of("Limit", "  ->  Sort", "        Sort Key: a", "        ->  Seq Scan on t"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM t ORDER BY a LIMIT 10"));
    }
  }

  @Test
  void orderByThePrimaryKeyDescendingScansTheIndexBackward() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(List.of("Limit", "  ->  Index Scan Backward using t_pkey on t"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM t ORDER BY id DESC LIMIT 10"));
      assertEquals(List.of("20000|0|x20000", "19999|81|x19999", "19998|162|x19998"),
          rows(s, "SELECT * FROM t ORDER BY id DESC LIMIT 3"));
      assertEquals(List.of("Limit", "  ->  Index Scan Backward using t_pkey on t", "        Index Cond: (id < 500)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id < 500 ORDER BY id DESC LIMIT 3"));
      assertEquals(List.of("499|581|x499", "498|662|x498", "497|743|x497"),
          rows(s, "SELECT * FROM t WHERE id < 500 ORDER BY id DESC LIMIT 3"));
      assertEquals(List.of("Index Only Scan Backward using t_pkey on t",
          "  Index Cond: (id = ANY ('{5,3,9}'::integer[]))"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id FROM t WHERE id IN (5, 3, 9) ORDER BY id DESC"));
      assertEquals(List.of("9", "5", "3"), rows(s, "SELECT id FROM t WHERE id IN (5, 3, 9) ORDER BY id DESC"));
      // The whole table backward, every row once.
      assertEquals(List.of("20000|20000|1"),
          rows(s, "SELECT count(*), count(DISTINCT id), min(id) FROM (SELECT id FROM t ORDER BY id DESC) x"));
    }
  }

  @Test
  void mergeJoinOverTwoPrimaryKeysGivesTheOrderByForFree() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(List.of("Merge Join", "  Merge Cond: (t.id = u.id)", "  ->  Index Scan using t_pkey on t",
          "  ->  Index Scan using u_pkey on u"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM t JOIN u ON t.id = u.id ORDER BY t.id"));
      assertEquals(List.of("Limit", "  ->  Merge Join", "        Merge Cond: (t.id = u.id)",
          "        ->  Index Scan using t_pkey on t", "        ->  Index Scan using u_pkey on u"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT t.id, t.b, u.c FROM t JOIN u ON t.id = u.id ORDER BY t.id LIMIT 5"));
      assertEquals(List.of("1|x1|1", "2|x2|2", "3|x3|3", "4|x4|4", "5|x5|5"),
          rows(s, "SELECT t.id, t.b, u.c FROM t JOIN u ON t.id = u.id ORDER BY t.id LIMIT 5"));
      List<String> analyzed = rows(s,
          "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM t JOIN u ON t.id = u.id ORDER BY t.id");
      assertEquals("Merge Join (actual rows=20000 loops=1)", analyzed.get(0));
      assertEquals(List.of("20000"), rows(s, "SELECT count(*) FROM t JOIN u ON t.id = u.id"));
      String json = String.join("\n", rows(s,
          "EXPLAIN (COSTS OFF, FORMAT JSON) SELECT * FROM t JOIN u ON t.id = u.id ORDER BY t.id"));
      for (String field : List.of("\"Node Type\": \"Merge Join\"", "\"Join Type\": \"Inner\"",
          "\"Merge Cond\": \"(t.id = u.id)\"", "\"Scan Direction\": \"Forward\"")) {
        assertTrue(json.contains(field), field + " in " + json);
      }
      String backward = String.join("\n",
          rows(s, "EXPLAIN (COSTS OFF, FORMAT JSON) SELECT * FROM t ORDER BY id DESC LIMIT 1"));
      assertTrue(backward.contains("\"Node Type\": \"Index Scan\"")
          && backward.contains("\"Scan Direction\": \"Backward\""), backward);
    }
  }

  @Test
  void groupAggregateOverTheIndexOrder() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(List.of("Limit", "  ->  GroupAggregate", "        Group Key: id",
          "        ->  Index Only Scan using t_pkey on t"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id, count(*) FROM t GROUP BY id ORDER BY id LIMIT 3"));
      assertEquals(List.of("1|1", "2|1", "3|1"), rows(s, "SELECT id, count(*) FROM t GROUP BY id ORDER BY id LIMIT 3"));
      assertEquals(List.of("GroupAggregate", "  Group Key: id", "  ->  Index Only Scan using t_pkey on t"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id, count(*) FROM t GROUP BY id ORDER BY id"));
      assertEquals(List.of("HashAggregate", "  Group Key: a", "  ->  Seq Scan on t"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT a, count(*) FROM t GROUP BY a"));
      List<String> analyzed = rows(s,
          "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id, count(*) FROM t GROUP BY id ORDER BY id");
      assertEquals("GroupAggregate (actual rows=20000 loops=1)", analyzed.get(0));
    }
  }

  @Test
  void mergeJoinsWithDuplicatesAndNullsAnswerAsPostgres() throws Exception {
    String sums = "SELECT count(*), count(m1.k), count(m2.k), sum(v), sum(w) FROM m1 ";
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // A full join has no hash join in MiniDB: the merge join (sorting both inputs) is the equi-join it has.
      List<String> plan = rows(s, "EXPLAIN (COSTS OFF) " + sums + "FULL JOIN m2 ON m1.k = m2.k");
      assertTrue(plan.contains("  ->  Merge Full Join"), plan.toString());
      assertEquals(List.of("43918|43441|43677|43621214|32849797"), rows(s, sums + "FULL JOIN m2 ON m1.k = m2.k"));
      assertEquals(List.of("43441|43441|43441|43468061|32606747"), rows(s, sums + "JOIN m2 ON m1.k = m2.k"));
      assertEquals(List.of("43594|43441|43441|43621214|32606747"), rows(s, sums + "LEFT JOIN m2 ON m1.k = m2.k"));
      assertEquals(List.of("43765|43441|43677|43468061|32849797"), rows(s, sums + "RIGHT JOIN m2 ON m1.k = m2.k"));
      assertEquals(List.of("16129|15652|14654|15931010|11066688"),
          rows(s, sums + "FULL JOIN m2 ON m1.k = m2.k AND v % 3 = w % 3"));
      List<String> analyzed = rows(s, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sums
          + "FULL JOIN m2 ON m1.k = m2.k");
      assertTrue(analyzed.contains("  ->  Merge Full Join (actual rows=43918 loops=1)"), analyzed.toString());
    }
  }
}
