package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.e2e.SqlErrors.expectError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sorts, hash aggregation and hash joins past work_mem over pgjdbc: with {@code work_mem = 1MB} they write
 * temporary files under {@code base/pgsql_tmp} (seen while a cursor is half read), return the right rows, and
 * leave no file behind once the statement ends, fails, or its session goes away.
 *
 * <p>Data: {@code t(id, k)} holds id 0..999,999 with k = (id / 1000 * 7919 + id % 1000 * 31) % 1000, made by
 * a cross join of a 1,000-row table with itself. The expected answers are computed here from that formula
 * (checked against PostgreSQL 15 on the 10,000-row instance, where the same queries agree).
 */
class SpillTest {
  private static final int N = 1_000_000;
  private static TestServer server;

  @BeforeAll
  static void load() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE d (i int)");
      StringBuilder values = new StringBuilder("INSERT INTO d VALUES ");
      for (int i = 0; i < 1000; i++) values.append(i == 0 ? "" : ",").append('(').append(i).append(')');
      s.execute(values.toString());
      s.execute("CREATE TABLE t (id int, k int)");
      assertEquals(N, s.executeUpdate(
          "INSERT INTO t SELECT a.i * 1000 + b.i, (a.i * 7919 + b.i * 31) % 1000 FROM d a, d b"));
      s.execute("CREATE TABLE u (id int, k int)");
      s.execute("INSERT INTO u SELECT id, k FROM t WHERE id < 200000");
      s.execute("CREATE TABLE w (id int, k int)");
      s.execute("INSERT INTO w SELECT id + 100000, k FROM t WHERE id < 200000");
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  private static int k(int id) { return (id / 1000 * 7919 + id % 1000 * 31) % 1000; }

  private static List<Path> tempFiles() throws IOException {
    Path dir = server.dataDirectory().resolve("base/pgsql_tmp");
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  /** A connection with work_mem 1MB, reading results 10,000 rows at a time through a portal. */
  private static Connection spillingConnection() throws Exception {
    Connection c = server.connect();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET work_mem = '1MB'");
    }
    return c;
  }

  @Test
  void orderByOverAMillionRowsSpillsAndReturnsTheOrder() throws Exception {
    // expected: k descending, then id ascending; packed as k * 2^20 + id
    long[] expected = new long[N];
    for (int id = 0; id < N; id++) expected[id] = (long) (999 - k(id)) << 20 | id;
    Arrays.sort(expected);
    try (Connection c = spillingConnection(); Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery("SELECT id, k FROM t ORDER BY k DESC, id")) {
        int n = 0;
        while (rs.next()) {
          long e = expected[n];
          assertEquals(e & 0xFFFFF, rs.getInt(1), "row " + n);
          assertEquals(999 - (e >>> 20), rs.getInt(2), "row " + n);
          if (n++ == 0) {
            List<Path> files = tempFiles();
            assertFalse(files.isEmpty(), "the sort merges runs from temporary files");
            assertTrue(files.get(0).getFileName().toString().matches("pgsql_tmp\\d+\\.\\d+"), files.toString());
          }
        }
        assertEquals(N, n);
      }
      c.commit();
      assertEquals(List.of(), tempFiles());
    }
  }

  @Test
  void groupByWithTwoHundredThousandGroupsSpills() throws Exception {
    int groups = 200_000;
    long[] count = new long[groups];
    long[] sum = new long[groups];
    for (int id = 0; id < N; id++) {
      count[id % groups]++;
      sum[id % groups] += k(id);
    }
    try (Connection c = spillingConnection(); Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      boolean[] seen = new boolean[groups];
      int n = 0;
      try (ResultSet rs = s.executeQuery("SELECT id % 200000, count(*), sum(k) FROM t GROUP BY id % 200000")) {
        while (rs.next()) {
          int g = rs.getInt(1);
          assertFalse(seen[g], "group " + g + " twice");
          seen[g] = true;
          assertEquals(count[g], rs.getLong(2), "count of " + g);
          assertEquals(sum[g], rs.getLong(3), "sum of " + g);
          if (n++ == 0) assertFalse(tempFiles().isEmpty(), "groups wait in temporary files");
        }
      }
      assertEquals(groups, n);
      c.commit();
      assertEquals(List.of(), tempFiles());
    }
  }

  @Test
  void hashJoinOfTwoHundredThousandRowTablesSpills() throws Exception {
    try (Connection c = spillingConnection(); Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      boolean[] seen = new boolean[200_000];
      int n = 0;
      try (ResultSet rs = s.executeQuery("SELECT u.id, u.k, w.k FROM u JOIN w ON u.id = w.id")) {
        while (rs.next()) {
          int id = rs.getInt(1);
          assertTrue(id >= 100_000 && id < 200_000 && !seen[id], "id " + id);
          seen[id] = true;
          assertEquals(k(id), rs.getInt(2));
          assertEquals(k(id - 100_000), rs.getInt(3));
          if (n++ == 0) assertFalse(tempFiles().isEmpty(), "join batches wait in temporary files");
        }
      }
      assertEquals(100_000, n);
      c.commit();
      assertEquals(List.of(), tempFiles());
    }
  }

  @Test
  void exceptOfTwoHundredThousandRowTablesSpills() throws Exception {
    try (Connection c = spillingConnection(); Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      boolean[] seen = new boolean[100_000];
      int n = 0;
      // u has ids 0..199999, w 100000..299999
      try (ResultSet rs = s.executeQuery("SELECT id FROM u EXCEPT SELECT id FROM w")) {
        while (rs.next()) {
          int id = rs.getInt(1);
          assertTrue(id >= 0 && id < 100_000 && !seen[id], "id " + id);
          seen[id] = true;
          if (n++ == 0) assertFalse(tempFiles().isEmpty(), "partitions wait in temporary files");
        }
      }
      assertEquals(100_000, n);
      c.commit();
      assertEquals(List.of(), tempFiles());
    }
  }

  @Test
  void leftoversOfAnEarlierRunAreRemovedAtStart() throws Exception {
    server.stop();
    Path dir = server.dataDirectory().resolve("base/pgsql_tmp");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pgsql_tmp12345.0"), "a run of a server that was killed");
    server.startAgain();
    assertEquals(List.of(), tempFiles());
    try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT count(*) FROM t")) {
      assertTrue(rs.next());
      assertEquals(N, rs.getInt(1));
    }
  }

  @Test
  void anErrorMidSortLeavesNoTemporaryFile() throws Exception {
    try (Connection c = spillingConnection(); Statement s = c.createStatement()) {
      // id 500000 comes half-way through the scan: the sort has written runs by then
      expectError(s, "SELECT id FROM t ORDER BY 1 / (id - 500000)", "22012");
      assertEquals(List.of(), tempFiles());
      c.rollback();
    }
  }

  @Test
  void aSessionThatEndsMidCursorLeavesNoTemporaryFile() throws Exception {
    try (Connection c = spillingConnection(); Statement s = c.createStatement()) {
      s.setFetchSize(100);
      ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY k, id");
      assertTrue(rs.next());
      assertFalse(tempFiles().isEmpty());
    } // the connection closes with the portal still open
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!tempFiles().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    assertEquals(List.of(), tempFiles());
  }
}
