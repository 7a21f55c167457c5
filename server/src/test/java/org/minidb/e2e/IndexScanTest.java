package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Index Scan over pgjdbc: EXPLAIN shows PostgreSQL's node and conditions (texts from PostgreSQL 15 for the same
 * schema where it picks the same plan), answers equal those of an unindexed twin table, UPDATE and DELETE find
 * their rows through the index, a prepared primary-key lookup uses it.
 */
class IndexScanTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE s (id int PRIMARY KEY, a int, b text)");
      s.execute("CREATE INDEX ON s (a DESC, b)");
      s.execute("CREATE TABLE plain (id int, a int, b text)");
      for (String t : List.of("s", "plain")) {
        s.execute("INSERT INTO " + t + " SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE g % 10 END, 'b' || (g % 7)"
            + " FROM generate_series(1, 3000) g");
      }
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static List<String> rows(Statement s, String sql) throws SQLException { return QueryRows.of(s, sql); }

  @Test
  void explainShowsIndexScans() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(List.of("Index Scan using s_pkey on s", "  Index Cond: (id = 42)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM s WHERE id = 42"));
      assertEquals(List.of("Index Scan using s_pkey on s", "  Index Cond: (id = 42)", "  Filter: (b = 'x'::text)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM s WHERE 42 = id AND b = 'x'"));
      assertEquals(List.of("Index Scan using s_pkey on s", "  Index Cond: ((id >= 10) AND (id <= 20))"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM s WHERE id BETWEEN 10 AND 20"));
      assertEquals(List.of("Update on s", "  ->  Index Scan using s_pkey on s", "        Index Cond: (id = 7)"),
          rows(s, "EXPLAIN (COSTS OFF) UPDATE s SET b = 'y' WHERE id = 7"));
      assertEquals(List.of("Delete on s", "  ->  Index Scan using s_pkey on s", "        Index Cond: (id = 7)"),
          rows(s, "EXPLAIN (COSTS OFF) DELETE FROM s WHERE id = 7"));
      assertEquals(List.of("Seq Scan on s", "  Filter: (b = 'x'::text)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT * FROM s WHERE b = 'x'"));
    }
  }

  @Test
  void answersEqualThoseWithoutIndex() throws Exception {
    String[] conditions = {"id = 42", "id = 0", "id = NULL", "id < 5", "id <= 5", "id > 2990", "id >= 2990",
        "id BETWEEN 100 AND 120", "id > 100 AND id < 90", "id > 5 AND id < 10 AND b = 'b1'", "a = 3", "a = 3 AND b = 'b2'",
        "a > 7", "a < 2", "a >= 2 AND a <= 3 AND id < 100", "a IS NULL AND id < 50", "3 > a AND id < 40",
        "id = 3000000000", "a = 3 AND b > 'b4'"};
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String cond : conditions) {
        List<String> expected = rows(s, "SELECT * FROM plain WHERE " + cond + " ORDER BY id");
        assertEquals(expected, rows(s, "SELECT * FROM s WHERE " + cond + " ORDER BY id"), cond);
      }
    }
  }

  @Test
  void preparedLookupAndChangesThroughTheIndex() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE acc (aid int PRIMARY KEY, abalance int)");
      s.execute("INSERT INTO acc SELECT g, 0 FROM generate_series(1, 1000) g");
      try (PreparedStatement up = c.prepareStatement("UPDATE acc SET abalance = abalance + ? WHERE aid = ?");
           PreparedStatement get = c.prepareStatement("SELECT abalance FROM acc WHERE aid = ?")) {
        for (int i = 0; i < 20; i++) { // past pgjdbc's prepareThreshold: server-side prepared statements too
          up.setInt(1, i);
          up.setInt(2, 1 + i % 4);
          assertEquals(1, up.executeUpdate());
        }
        int[] expected = {0 + 4 + 8 + 12 + 16, 1 + 5 + 9 + 13 + 17, 2 + 6 + 10 + 14 + 18, 3 + 7 + 11 + 15 + 19};
        for (int k = 0; k < 4; k++) {
          get.setInt(1, k + 1);
          try (ResultSet rs = get.executeQuery()) {
            rs.next();
            assertEquals(expected[k], rs.getInt(1));
          }
        }
        get.setInt(1, 5000);
        try (ResultSet rs = get.executeQuery()) {
          assertEquals(false, rs.next());
        }
      }
      assertEquals(List.of("Index Scan using acc_pkey on acc", "  Index Cond: (aid = 1)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT abalance FROM acc WHERE aid = 1"));
      s.execute("DELETE FROM acc WHERE aid = 2");
      assertEquals(List.of("999"), rows(s, "SELECT count(*) FROM acc"));
      assertEquals(List.of(), rows(s, "SELECT * FROM acc WHERE aid = 2"));
      s.execute("INSERT INTO acc VALUES (2, 7)");
      assertEquals(List.of("2|7"), rows(s, "SELECT * FROM acc WHERE aid = 2"));
    }
  }

  /**
   * An index built while an older REPEATABLE READ snapshot is open must hold the rows that snapshot still sees,
   * deleted since: PostgreSQL indexes every version not yet dead to all (IndexBuildHeapScan), and the old
   * transaction, which sees the new index in the catalog, finds its row through it.
   */
  @Test
  void anIndexBuiltUnderAnOldSnapshotHoldsTheRowsItStillSees() throws Exception {
    try (Connection old = server.connect(); Connection other = server.connect();
        Statement o = old.createStatement(); Statement w = other.createStatement()) {
      w.execute("CREATE TABLE rr (id int, v text)");
      w.execute("INSERT INTO rr SELECT g, 'v' || g FROM generate_series(1, 2000) g");
      o.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
      assertEquals(List.of("2000"), rows(o, "SELECT count(*) FROM rr"));
      w.execute("DELETE FROM rr WHERE id IN (5, 6)");
      w.execute("INSERT INTO rr VALUES (6, 'new six')"); // the deleted 6 is indexed too, but does not collide
      w.execute("CREATE UNIQUE INDEX rr_id ON rr (id)");
      w.execute("INSERT INTO rr VALUES (5, 'again')");
      assertEquals(List.of("Index Scan using rr_id on rr", "  Index Cond: (id = 5)"),
          rows(o, "EXPLAIN (COSTS OFF) SELECT * FROM rr WHERE id = 5"));
      assertEquals(List.of("5|v5"), rows(o, "SELECT * FROM rr WHERE id = 5"));
      assertEquals(List.of("6|v6"), rows(o, "SELECT * FROM rr WHERE id = 6"));
      o.execute("COMMIT");
      assertEquals(List.of("6|new six"), rows(o, "SELECT * FROM rr WHERE id = 6"));
      assertEquals(List.of("5|again"), rows(o, "SELECT * FROM rr WHERE id = 5"));
      assertEquals(List.of(""), rows(o, "SELECT bt_index_check('rr_id', true)"));
    }
  }

  /**
   * Index Only Scan when the query reads only key columns and the Index Scan is the cheaper path (PostgreSQL 15
   * prints the same plans for this data after ANALYZE; for a = 3 AND b = 'b4' it also takes an Index Only Scan on
   * the two-column index, where MiniDB's costs, without correlation, prefer the Seq Scan). Answers equal
   * the unindexed twin's before VACUUM (every entry checked in the heap), after it (none), after changes, and for
   * an older snapshot that must not see them.
   */
  @Test
  void indexOnlyScansAnswerAsTheHeapDoes() throws Exception {
    try (Connection c = server.connect(); Connection other = server.connect();
        Statement s = c.createStatement(); Statement w = other.createStatement()) {
      w.execute("CREATE TABLE ios (id int PRIMARY KEY, a int, b text)");
      w.execute("CREATE INDEX ON ios (a DESC, b)");
      w.execute("CREATE TABLE ios_plain (id int, a int, b text)");
      for (String t : List.of("ios", "ios_plain")) {
        w.execute("INSERT INTO " + t + " SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE g % 10 END, 'b' || (g % 7)"
            + " FROM generate_series(1, 3000) g");
      }
      w.execute("ANALYZE ios"); // as PostgreSQL's plans below were taken (after ANALYZE)
      assertEquals(List.of("Index Only Scan using ios_pkey on ios", "  Index Cond: (id < 10)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id FROM ios WHERE id < 10"));
      assertEquals(List.of("Index Scan using ios_pkey on ios", "  Index Cond: (id < 10)"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT id, b FROM ios WHERE id < 10"), "b is not in the index");
      assertEquals(List.of("Aggregate", "  ->  Index Only Scan using ios_pkey on ios",
          "        Index Cond: ((id >= 100) AND (id <= 105))"),
          rows(s, "EXPLAIN (COSTS OFF) SELECT count(*) FROM ios WHERE id BETWEEN 100 AND 105"));
      String[] queries = {"SELECT id FROM %s WHERE id < 10 OR id > 2990 ORDER BY 1",
          "SELECT a, b FROM %s WHERE a = 3 AND b > 'b4' ORDER BY 1, 2",
          "SELECT count(*), sum(id) FROM %s WHERE id BETWEEN 100 AND 2000",
          "SELECT count(*) FROM %s WHERE id > 2500",
          "SELECT b, count(*) FROM %s WHERE a = 7 GROUP BY b ORDER BY 1"};
      for (int round = 0; round < 3; round++) {
        for (String q : queries) {
          assertEquals(rows(s, q.formatted("ios_plain")), rows(s, q.formatted("ios")), round + ": " + q);
        }
        if (round == 0) w.execute("VACUUM ios");
        if (round == 1) {
          assertEquals(List.of("Index Only Scan using ios_pkey on ios (actual rows=9 loops=1)",
              "  Index Cond: (id < 10)", "  Heap Fetches: 0"),
              rows(s, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM ios WHERE id < 10"));
          // An older snapshot, then changes on all-visible pages: it must still get the old answers.
          s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
          List<String> old = rows(s, queries[2].formatted("ios"));
          for (String t : List.of("ios", "ios_plain")) {
            w.execute("DELETE FROM " + t + " WHERE id BETWEEN 500 AND 600");
            w.execute("UPDATE " + t + " SET a = 3, b = 'b5' WHERE id % 100 = 7");
            w.execute("INSERT INTO " + t + " VALUES (5000, 3, 'b6')");
          }
          assertEquals(old, rows(s, queries[2].formatted("ios")));
          s.execute("COMMIT");
        }
      }
    }
  }
}
