package org.minidb.e2e;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * generate_series as a table function in FROM (integer, bigint, numeric and timestamp series, aliases, joins) and
 * in a select list.
 * Every expected answer was recorded from PostgreSQL 15 (psql, unaligned, '|' between columns).
 */
class GenerateSeriesTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      PgAnswers.setup(s, SETUP);
    }
  }

  @AfterAll
  static void stop() throws Exception { server.close(); }

  /** Run once on the server before the tests. */
  private static final String SETUP = "CREATE TABLE gs (id int, name text); INSERT INTO gs VALUES (1, 'a'), (2, 'b'), (3, 'c')";

  private static final String[][] ANSWERS = {
      {"SELECT * FROM generate_series(1, 3)", "1\n2\n3"},
      {"SELECT * FROM generate_series(1, 10, 3) AS g(i)", "1\n4\n7\n10"},
      {"SELECT g FROM generate_series(3, 1, -1) g", "3\n2\n1"},
      {"SELECT g.g * 2 AS twice FROM generate_series(1, 3) AS g", "2\n4\n6"},
      {"SELECT * FROM generate_series(5, 1)", ""},
      {"SELECT * FROM generate_series(2147483645, 2147483647)", "2147483645\n2147483646\n2147483647"},
      {"SELECT * FROM generate_series(9223372036854775806, 9223372036854775807)", "9223372036854775806\n9223372036854775807"},
      {"SELECT * FROM generate_series(1.0, 2, 0.5)", "1.0\n1.5\n2.0"},
      {"SELECT * FROM generate_series(1, 2.5)", "1\n2"},
      {"SELECT * FROM generate_series(timestamp '2024-01-30', timestamp '2024-02-02', interval '1 day')", "2024-01-30 00:00:00\n2024-01-31 00:00:00\n2024-02-01 00:00:00\n2024-02-02 00:00:00"},
      {"SELECT * FROM generate_series('2024-01-31'::timestamp, '2024-05-01', '1 month')", "2024-01-31 00:00:00\n2024-02-29 00:00:00\n2024-03-29 00:00:00\n2024-04-29 00:00:00"},
      {"SELECT * FROM generate_series(timestamptz '2024-01-01 00:00+00', timestamptz '2024-01-01 12:00+00', '6 hours')", "2024-01-01 00:00:00+00\n2024-01-01 06:00:00+00\n2024-01-01 12:00:00+00"},
      {"SELECT count(*), sum(i), min(i), max(i) FROM generate_series(1, 100000) i", "100000|5000050000|1|100000"},
      {"SELECT id, name, i FROM gs, generate_series(1, 2) i WHERE id <> 2 ORDER BY id, i", "1|a|1\n1|a|2\n3|c|1\n3|c|2"},
      {"SELECT i, name FROM generate_series(0, 4) i LEFT JOIN gs ON gs.id = i ORDER BY i", "0|\n1|a\n2|b\n3|c\n4|"},
      {"SELECT * FROM generate_series(1, NULL)", ""},
      {"SELECT pg_typeof(g) FROM generate_series(1::bigint, 2) g", "bigint\nbigint"},
      {"SELECT count(*) FROM generate_series(abs(-1), 3)", "3"},
      {"SELECT * FROM generate_series(1, 2) a, generate_series(abs(-3), 4) b ORDER BY 1, 2", "1|3\n1|4\n2|3\n2|4"},
      {"SELECT x.i FROM gs JOIN generate_series(1, abs(-2)) AS x(i) ON x.i = gs.id ORDER BY 1", "1\n2"},
      {"SELECT count(*) FROM generate_series(now() - interval '1 day', now(), '6 hours')", "5"},
      // In the select list (PostgreSQL's ProjectSet), arguments not reading columns.
      {"SELECT generate_series(1, 3)", "1\n2\n3"},
      {"SELECT generate_series(1, 3) * 2 AS twice", "2\n4\n6"},
      {"SELECT id, generate_series(1, 2) FROM gs WHERE id <> 2 ORDER BY id, 2", "1|1\n1|2\n3|1\n3|2"},
      {"SELECT DISTINCT generate_series(1, 5) % 2 ORDER BY 1", "0\n1"},
      {"SELECT name FROM gs WHERE id IN (SELECT generate_series(2, 3)) ORDER BY 1", "b\nc"},
      {"SELECT generate_series(1, 10) LIMIT 2", "1\n2"},
      {"SELECT generate_series(timestamp '2024-01-01', timestamp '2024-01-03', interval '1 day')", "2024-01-01 00:00:00\n2024-01-02 00:00:00\n2024-01-03 00:00:00"},
  };

  private static final String[][] ERRORS = {
      {"SELECT * FROM generate_series(1, 3, 0)", "22023", "step size cannot equal zero"},
      {"SELECT * FROM generate_series(timestamp '2024-01-01', timestamp '2024-01-02', interval '0')", "22023", "step size cannot equal zero"},
      // PostgreSQL answers these; MiniDB cannot plan them yet and says so.
      {"SELECT id, generate_series(1, id) FROM gs", "0A000", "set-returning function arguments that read columns are not supported; call it in FROM instead"},
      {"SELECT generate_series(1, 2), generate_series(1, 3)", "0A000", "more than one set-returning function in a select list is not supported"},
      {"SELECT id, generate_series(1, 2) FROM gs GROUP BY id", "0A000", "set-returning functions in the select list of a grouped query are not supported"},
  };

  @Test
  void answersAsPostgresql() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String[] a : ANSWERS) PgAnswers.assertAnswer(s, a[0], a[1]);
    }
  }

  @Test
  void errorsAsPostgresql() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String[] e : ERRORS) PgAnswers.assertError(s, e[0], e[1], e[2]);
    }
  }

  /** The everyday way to fill a table. */
  @Test
  void insertSelectFromTheSelectList() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE gs_target (a int, b text)");
      org.junit.jupiter.api.Assertions.assertEquals(1000,
          s.executeUpdate("INSERT INTO gs_target SELECT generate_series(1, 1000), 'x'"));
      PgAnswers.assertAnswer(s, "SELECT count(*), sum(a) FROM gs_target", "1000|500500");
    }
  }

  /** A long series is streamed: counting ten million rows needs no memory per row. */
  @Test
  void longSeriesStreams() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      PgAnswers.assertAnswer(s, "SELECT count(*) FROM generate_series(1, 10000000)", "10000000");
    }
  }

  /** The column is named generate_series, after the alias, or by the column alias, as in PostgreSQL. */
  @Test
  void columnNames() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      String[][] cases = {
          {"SELECT * FROM generate_series(1, 2)", "generate_series"},
          {"SELECT * FROM generate_series(1, 2) g", "g"},
          {"SELECT * FROM generate_series(1, 2) AS g(i)", "i"},
          {"SELECT generate_series(1, 2)", "generate_series"},
          {"SELECT generate_series(1, 2) + 0", "?column?"},
      };
      for (String[] k : cases) {
        try (java.sql.ResultSet rs = s.executeQuery(k[0])) {
          org.junit.jupiter.api.Assertions.assertEquals(k[1], rs.getMetaData().getColumnName(1), k[0]);
        }
      }
    }
  }
}
