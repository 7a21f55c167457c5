package org.minidb.e2e;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Date/time arithmetic with PostgreSQL's result types, and timestamptz arithmetic across a DST change in the session TimeZone.
 * Every expected answer was recorded from PostgreSQL 15 (psql, unaligned, '|' between columns).
 */
class DateTimeArithmeticTest {
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
  private static final String SETUP = "";

  private static final String[][] ANSWERS = {
      {"SELECT date '2024-01-31' + 1, 1 + date '2024-01-31', date '2024-01-31' - 1, date '2024-03-01' - date '2024-01-01'", "2024-02-01|2024-02-01|2024-01-30|60"},
      {"SELECT date '2024-01-31' + interval '1 month', date '2024-01-01' - interval '1 hour', interval '1 day' + date '2024-02-28'", "2024-02-29 00:00:00|2023-12-31 23:00:00|2024-02-29 00:00:00"},
      {"SELECT timestamp '2024-01-31 10:00' + interval '1 mon 1 day 1 hour', timestamp '2024-03-31 00:00' - interval '1 month'", "2024-03-01 11:00:00|2024-02-29 00:00:00"},
      {"SELECT timestamp '2024-03-01' - timestamp '2024-01-01 01:00', timestamp '2024-01-01' - timestamp '2024-01-02 12:00'", "59 days 23:00:00|-1 days -12:00:00"},
      {"SELECT interval '1 day' + interval '2 hours', interval '1 day' - interval '2 hours', - interval '1 mon 2 days'", "1 day 02:00:00|1 day -02:00:00|-1 mons -2 days"},
      {"SELECT timestamp '2024-01-02' + '1 day', timestamp '2024-01-02' - '2024-01-01', interval '1 day' + '1 hour'", "2024-01-03 00:00:00|1 day|1 day 01:00:00"},
      {"SELECT timestamptz '2024-03-09 12:00:00+00' + interval '1 day', timestamptz '2024-01-01 00:00:00+00' - timestamptz '2023-12-31 12:00:00+00'", "2024-03-10 12:00:00+00|12:00:00"},
      {"SET TIME ZONE 'America/New_York'", ""},
      {"SELECT timestamptz '2024-03-09 12:00' + interval '1 day', timestamptz '2024-03-09 12:00' + interval '24 hours'", "2024-03-10 12:00:00-04|2024-03-10 13:00:00-04"},
      {"SELECT timestamptz '2024-03-11 12:00' - timestamptz '2024-03-09 12:00', timestamptz '2024-11-02 12:00' + interval '1 day'", "1 day 23:00:00|2024-11-03 12:00:00-05"},
      {"SET TIME ZONE 'UTC'", ""},
      {"SELECT date '2024-02-29' + interval '1 year', timestamp '2024-01-31' + interval '1 month' + interval '1 month'", "2025-02-28 00:00:00|2024-03-29 00:00:00"},
      {"SELECT date 'today' = current_date, 'today'::date = current_date, date 'tomorrow' - date 'yesterday'", "t|t|2"},
  };

  private static final String[][] ERRORS = {
      {"SELECT date '2024-01-01' + '1 day'", "42725", "operator is not unique: date + unknown"},
      {"SELECT timestamp '2024-01-02' - '1 day'", "22007", "invalid input syntax for type timestamp: \"1 day\""},
      {"SELECT date '2024-01-01' * 2", "42883", "operator does not exist: date * integer"},
      {"SELECT interval '1 day' + 1", "42883", "operator does not exist: interval + integer"},
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
