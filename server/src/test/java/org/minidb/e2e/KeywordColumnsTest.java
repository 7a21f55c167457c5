package org.minidb.e2e;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's non-reserved keywords (date, time, timestamp, interval, year, month, day, hour, text, name, value, type) as column names and aliases.
 * Every expected answer was recorded from PostgreSQL 15 (psql, unaligned, '|' between columns).
 */
class KeywordColumnsTest {
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
  private static final String SETUP = "CREATE TABLE kw (date date, value int, time int, timestamp timestamp, year int, month int, day int, hour int, text text, name text, type text, interval interval); INSERT INTO kw VALUES ('2024-01-02', 1, 2, '2024-01-02 03:04:05', 2024, 1, 2, 3, 't', 'n', 'ty', '1 day')";

  private static final String[][] ANSWERS = {
      {"SELECT date, value, time, timestamp, year, month, day, hour, text, name, type, interval FROM kw", "2024-01-02|1|2|2024-01-02 03:04:05|2024|1|2|3|t|n|ty|1 day"},
      {"SELECT kw.date + 1 AS date, kw.time AS time, date '2024-01-01' AS d FROM kw", "2024-01-03|2|2024-01-01"},
      {"SELECT date FROM kw WHERE date = date '2024-01-02' AND timestamp > timestamp '2024-01-01'", "2024-01-02"},
      {"SELECT date + interval AS value FROM kw", "2024-01-03 00:00:00"},
      {"SELECT t.date FROM (SELECT date FROM kw) AS t", "2024-01-02"},
      {"SELECT CAST('2024-01-01' AS date), '2024-01-01 10:00'::timestamp, '1 hour'::interval, '2024-01-01'::timestamptz", "2024-01-01|2024-01-01 10:00:00|01:00:00|2024-01-01 00:00:00+00"},
  };

  private static final String[][] ERRORS = {

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
}
