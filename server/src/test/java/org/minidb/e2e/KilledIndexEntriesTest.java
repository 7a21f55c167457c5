package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill_prior_tuple over pgjdbc: updates of one row leave index entries of dead versions behind; once no snapshot can
 * see those versions, the lookups and unique checks that meet them flag them LP_DEAD, later lookups skip them
 * (fewer buffers in EXPLAIN (ANALYZE, BUFFERS)), and a leaf about to split removes them, so the primary key of a
 * row updated thousands of times stays at its initial size. bt_index_check with heapallindexed agrees throughout.
 */
class KilledIndexEntriesTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception { server = TestServer.start(); }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  /** The shared hits of the Index Scan node of the lookup of id 1. */
  private static int lookupHits(Statement s, String table) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY OFF) SELECT v FROM " + table
        + " WHERE id = 1")) {
      while (rs.next()) plan.append(rs.getString(1)).append('\n');
    }
    assertTrue(plan.toString().contains("Index Scan using " + table + "_pkey"), plan.toString());
    Matcher m = Pattern.compile("shared hit=(\\d+)").matcher(plan);
    assertTrue(m.find(), plan.toString());
    return Integer.parseInt(m.group(1));
  }

  @Test
  void lookupsStopVisitingDeadVersionsOnceNoSnapshotSeesThem() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement();
        Connection old = server.connect(); Statement o = old.createStatement()) {
      s.execute("CREATE TABLE kl (id int PRIMARY KEY, v int)");
      s.execute("INSERT INTO kl SELECT g, 0 FROM generate_series(1, 2000) g");
      s.execute("ANALYZE kl");
      old.setAutoCommit(false);
      old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      assertEquals("0", one(o, "SELECT v FROM kl WHERE id = 2")); // a snapshot that holds the horizon back
      for (int i = 1; i <= 300; i++) s.executeUpdate("UPDATE kl SET v = " + i + " WHERE id = 1");
      int withDead = lookupHits(s, "kl");
      assertTrue(withDead > 300, "every version is visited while a snapshot may still see them: " + withDead);
      assertEquals("0", one(o, "SELECT v FROM kl WHERE id = 1"));
      old.commit();

      assertEquals("300", one(s, "SELECT v FROM kl WHERE id = 1")); // this lookup kills the dead entries
      int afterKill = lookupHits(s, "kl");
      assertTrue(afterKill < 10, "killed entries are skipped: " + afterKill + " shared hits, " + withDead + " before");
      assertEquals("", one(s, "SELECT bt_index_check('kl_pkey', true)"));
      s.execute("VACUUM kl");
      assertEquals("", one(s, "SELECT bt_index_check('kl_pkey', true)"));
      assertEquals("300", one(s, "SELECT v FROM kl WHERE id = 1"));
    }
  }

  @Test
  void thePrimaryKeyOfAHotRowKeepsItsSize() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE hot1 (id int PRIMARY KEY, v int, pad text)");
      s.execute("INSERT INTO hot1 VALUES (1, 0, 'x')");
      long initial = Long.parseLong(one(s, "SELECT pg_relation_size('hot1_pkey')"));
      for (int i = 1; i <= 3000; i++) s.executeUpdate("UPDATE hot1 SET v = v + 1 WHERE id = 1");
      assertEquals("3000", one(s, "SELECT v FROM hot1 WHERE id = 1"));
      assertEquals(initial, Long.parseLong(one(s, "SELECT pg_relation_size('hot1_pkey')")),
          "dead entries are removed instead of splitting the leaf");
      assertTrue(Long.parseLong(one(s, "SELECT pg_relation_size('hot1')")) <= 4 * 8192, "the heap is pruned");
      assertEquals("", one(s, "SELECT bt_index_check('hot1_pkey', true)"));
    }
  }

  /**
   * Sequential scans prune pages full of dead versions (heap_page_prune_opt): a row updated while a snapshot held the
   * horizon back fills pages the updates then leave; once the snapshot is gone, scans prune them, and later updates
   * reuse that space instead of extending the table.
   */
  @Test
  void sequentialScansPrunePagesTheUpdatesLeftBehind() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement();
        Connection old = server.connect(); Statement o = old.createStatement()) {
      s.execute("CREATE TABLE seqp (id int, v int, pad text)");
      s.execute("INSERT INTO seqp VALUES (1, 0, repeat('p', 200))");
      old.setAutoCommit(false);
      old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      assertEquals("0", one(o, "SELECT v FROM seqp"));
      for (int i = 1; i <= 300; i++) s.executeUpdate("UPDATE seqp SET v = " + i + " WHERE id = 1");
      long bloated = Long.parseLong(one(s, "SELECT pg_relation_size('seqp')"));
      assertTrue(bloated >= 8 * 8192, "300 versions of 250 bytes: " + bloated);
      old.commit();
      assertEquals("300", one(s, "SELECT v FROM seqp")); // this scan prunes the full pages
      // 100 new rows (~4 pages) go to the pages the scan pruned (it recorded their free space): no new page.
      s.execute("INSERT INTO seqp SELECT g, 0, repeat('n', 200) FROM generate_series(2, 101) g");
      assertEquals(bloated, Long.parseLong(one(s, "SELECT pg_relation_size('seqp')")));
      assertEquals("101", one(s, "SELECT count(*) FROM seqp"));
      assertEquals("300", one(s, "SELECT v FROM seqp WHERE id = 1"));
    }
  }

  @Test
  void fourClientsUpdatingOneRowKeepItsIndexSmall() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE hot4 (id int PRIMARY KEY, v int)");
      s.execute("INSERT INTO hot4 VALUES (1, 0), (2, 0)");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          done.add(pool.submit(() -> {
            try (Connection w = server.connect(); Statement ws = w.createStatement()) {
              for (int i = 0; i < 1000; i++) ws.executeUpdate("UPDATE hot4 SET v = v + 1 WHERE id = 1");
            }
            return null;
          }));
        }
        for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
      assertEquals("4000", one(s, "SELECT v FROM hot4 WHERE id = 1"));
      assertEquals("0", one(s, "SELECT v FROM hot4 WHERE id = 2"));
      // 4000 entries would take about ten leaves; a few versions may still be visible to a concurrent snapshot.
      assertTrue(Long.parseLong(one(s, "SELECT pg_relation_size('hot4_pkey')")) <= 4 * 8192,
          one(s, "SELECT pg_relation_size('hot4_pkey')"));
      assertEquals("", one(s, "SELECT bt_index_check('hot4_pkey', true)"));
    }
  }
}
