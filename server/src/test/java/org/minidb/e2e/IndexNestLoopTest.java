package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Index nested loops over pgjdbc: a few outer rows joined to a big table on its key read the big table through a
 * parameterized Index Scan, rescanned per outer row, as PostgreSQL 15 plans it on the same data (its EXPLAIN
 * text in the comments, recorded with the same statements and ANALYZE); a large outer side takes a Hash Join;
 * answers equal those of plans that cannot use the index; EXPLAIN ANALYZE counts one inner loop per outer row.
 */
class IndexNestLoopTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE big (id int PRIMARY KEY, g int, v text)");
      s.execute("INSERT INTO big SELECT i, i % 100, 'v' || i FROM generate_series(1, 20000) i");
      s.execute("CREATE TABLE small (a int, b int, s text)");
      s.execute("INSERT INTO small SELECT i * 7, i % 3, 's' || (i % 50) FROM generate_series(1, 200) i");
      s.execute("INSERT INTO small VALUES (NULL, 1, 's5'), (35, 2, 's5'), (99999, 0, 's5')");
      s.execute("CREATE TABLE other (k int, pad text)");
      s.execute("INSERT INTO other SELECT (i * 37) % 25000, 'p' FROM generate_series(1, 20000) i");
      s.execute("CREATE TABLE pair (a int, b int, c text, PRIMARY KEY (a, b))");
      s.execute("INSERT INTO pair SELECT i / 4, i % 4, 'c' || i FROM generate_series(0, 19999) i");
      s.execute("ANALYZE");
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) b.append(i > 1 ? "|" : "").append(rs.getString(i));
        out.add(b.toString());
      }
    }
    return out;
  }

  private static List<String> plan(Statement s, String query) throws SQLException {
    return rows(s, "EXPLAIN (COSTS OFF) " + query);
  }

  @Test
  void fewOuterRowsProbeTheIndex() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // PostgreSQL 15, same text.
      assertEquals(List.of(
          "Nested Loop",
          "  ->  Seq Scan on small s",
          "        Filter: (s = 's5'::text)",
          "  ->  Index Scan using big_pkey on big b",
          "        Index Cond: (id = s.a)"),
          plan(s, "SELECT * FROM small s JOIN big b ON b.id = s.a WHERE s.s = 's5'"));
      assertEquals(List.of(
          "Nested Loop Left Join",
          "  ->  Seq Scan on small s",
          "        Filter: (s = 's5'::text)",
          "  ->  Index Scan using big_pkey on big b",
          "        Index Cond: (id = s.a)"),
          plan(s, "SELECT * FROM small s LEFT JOIN big b ON b.id = s.a WHERE s.s = 's5'"));
      // A multi-column key: its first column from the join, the second from a constant (PostgreSQL 15's text).
      assertEquals(List.of(
          "Nested Loop",
          "  ->  Seq Scan on small s",
          "        Filter: (s = 's5'::text)",
          "  ->  Index Scan using pair_pkey on pair p",
          "        Index Cond: ((a = s.a) AND (b = 1))"),
          plan(s, "SELECT * FROM small s JOIN pair p ON p.a = s.a AND p.b = 1 WHERE s.s = 's5'"));
    }
  }

  @Test
  void semiAndAntiJoinsProbeTheIndex() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // PostgreSQL 15 plans an anti join with the same scans:
      //   Nested Loop Anti Join -> Seq Scan on small s (Filter: (s = 's5'::text)),
      //   Index Only Scan using big_pkey on big b (Index Cond: (id = s.a))
      // MiniDB's decorrelation makes NOT EXISTS a left join that keeps the rows without a match.
      assertEquals(List.of(
          "Nested Loop Left Join",
          "  Filter: ($f1 IS NULL)",
          "  ->  Seq Scan on small s",
          "        Filter: (s = 's5'::text)",
          "  ->  Index Only Scan using big_pkey on big b",
          "        Index Cond: (id = s.a)"),
          plan(s, "SELECT * FROM small s WHERE NOT EXISTS (SELECT 1 FROM big b WHERE b.id = s.a) AND s.s = 's5'"));
      // PostgreSQL 15, same text (the inner side's key is unique: EXISTS is an inner join).
      assertEquals(List.of(
          "Nested Loop",
          "  ->  Seq Scan on small s",
          "        Filter: (s = 's5'::text)",
          "  ->  Index Only Scan using big_pkey on big b",
          "        Index Cond: (id = s.a)"),
          plan(s, "SELECT * FROM small s WHERE EXISTS (SELECT 1 FROM big b WHERE b.id = s.a) AND s.s = 's5'"));
      // Answers of PostgreSQL 15.
      assertEquals(List.of("99999", "null"), rows(s, "SELECT s.a FROM small s WHERE NOT EXISTS "
          + "(SELECT 1 FROM big b WHERE b.id = s.a) AND s.s = 's5' ORDER BY s.a"));
      assertEquals(List.of("35", "35", "385", "735", "1085"), rows(s, "SELECT s.a FROM small s WHERE EXISTS "
          + "(SELECT 1 FROM big b WHERE b.id = s.a) AND s.s = 's5' ORDER BY s.a"));
    }
  }

  @Test
  void largeOuterSideHashes() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // PostgreSQL 15 hashes big and probes with other (MiniDB the other way round); both a Hash Join:
      //   Aggregate -> Hash Join, Hash Cond: (o.k = b.id) -> Seq Scan on other o, Hash -> Seq Scan on big b
      List<String> plan = plan(s, "SELECT count(*) FROM other o JOIN big b ON b.id = o.k");
      assertEquals("  ->  Hash Join", plan.get(1), plan.toString());
      assertTrue(plan.stream().noneMatch(l -> l.contains("Index")), plan.toString());
      assertEquals(List.of("16081|795800"), rows(s, "SELECT count(*), sum(b.g) FROM other o JOIN big b ON b.id = o.k"));
    }
  }

  @Test
  void answersEqualThoseWithoutTheIndex() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // PostgreSQL 15's answer; unmatched outer rows (NULL key, missing key) are kept by the left join.
      assertEquals(List.of("null|null|null", "35|35|v35", "35|35|v35", "385|385|v385", "735|735|v735",
          "1085|1085|v1085", "99999|null|null"), rows(s, "SELECT s.a, b.id, b.v FROM small s LEFT JOIN big b "
          + "ON b.id = s.a WHERE s.s = 's5' ORDER BY s.a NULLS FIRST"));
      // Outer rows with duplicates and NULLs in random order; the join on "abs(b.id)" cannot use the index.
      s.execute("CREATE TABLE probe (k int, tag int)");
      s.execute("INSERT INTO probe SELECT CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7919) % 23000 END, i % 5 "
          + "FROM generate_series(1, 60) i");
      s.execute("ANALYZE probe");
      for (String join : List.of("JOIN", "LEFT JOIN")) {
        String indexed = "SELECT p.k, p.tag, b.g FROM probe p " + join + " big b ON b.id = p.k AND b.g <> p.tag";
        String plain = "SELECT p.k, p.tag, b.g FROM probe p " + join + " big b ON abs(b.id) = p.k AND b.g <> p.tag";
        assertTrue(plan(s, indexed).stream().anyMatch(l -> l.contains("Index Cond: (id = p.k)")),
            plan(s, indexed).toString());
        assertTrue(plan(s, plain).stream().noneMatch(l -> l.contains("Index")), plan(s, plain).toString());
        String order = " ORDER BY 1 NULLS FIRST, 2, 3 NULLS FIRST";
        assertEquals(rows(s, plain + order), rows(s, indexed + order), join);
      }
      String exists = "SELECT p.k, p.tag FROM probe p WHERE %s EXISTS (SELECT 1 FROM big b WHERE %s = p.k)"
          + " ORDER BY 1 NULLS FIRST, 2";
      assertEquals(rows(s, exists.formatted("", "abs(b.id)")), rows(s, exists.formatted("", "b.id")));
      assertEquals(rows(s, exists.formatted("NOT", "abs(b.id)")), rows(s, exists.formatted("NOT", "b.id")));
    }
  }

  @Test
  void explainAnalyzeCountsOneInnerLoopPerOuterRow() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      // PostgreSQL 15, same text: the inner's rows are per loop (5 found in 7 loops, rounded).
      assertEquals(List.of(
          "Nested Loop (actual rows=5 loops=1)",
          "  ->  Seq Scan on small s (actual rows=7 loops=1)",
          "        Filter: (s = 's5'::text)",
          "        Rows Removed by Filter: 196",
          "  ->  Index Scan using big_pkey on big b (actual rows=1 loops=7)",
          "        Index Cond: (id = s.a)"),
          rows(s, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
              + "SELECT * FROM small s JOIN big b ON b.id = s.a WHERE s.s = 's5'"));
    }
  }
}
