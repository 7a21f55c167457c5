package org.minidb.e2e;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * extract (numeric), date_part (float8), date_trunc, age, make_date, now() and its kin, over date, timestamp, timestamptz and interval.
 * Every expected answer was recorded from PostgreSQL 15 (psql, unaligned, '|' between columns).
 */
class DateTimeFunctionsTest {
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
      {"SELECT extract(second from timestamp '2024-01-01 10:11:12.5'), extract(epoch from timestamp '2024-01-01 10:11:12.5'), extract(milliseconds from timestamp '2024-01-01 10:11:12.5'), extract(microseconds from timestamp '2024-01-01 10:11:12.5')", "12.500000|1704103872.500000|12500.000|12500000"},
      {"SELECT extract(year from date '2024-05-01'), extract(epoch from date '2024-05-01'), extract(dow from date '2024-05-05'), extract(isodow from date '2024-05-05'), extract(doy from date '2024-12-31')", "2024|1714521600|0|7|366"},
      {"SELECT extract(century from date '2000-01-01'), extract(decade from date '2024-01-01'), extract(millennium from date '2001-01-01'), extract(week from date '2024-12-30'), extract(isoyear from date '2024-12-30'), extract(quarter from date '2024-05-01')", "20|202|3|1|2025|2"},
      {"SELECT extract(julian from timestamp '2024-01-01 12:00'), extract(hour from timestamp '2024-01-01 23:59'), extract(minute from timestamp '2024-01-01 23:59'), extract(day from timestamp '2024-02-29 00:00'), extract(month from date '2024-02-29')", "2460311.50000000000000000000|23|59|29|2"},
      {"SELECT extract(epoch from interval '1 year 1 mon 1 day 1 second'), extract(day from interval '40 days'), extract(second from interval '-1.5 seconds'), extract(month from interval '14 months'), extract(hour from interval '27 hours'), extract(year from interval '14 months')", "34236001.000000|40|-1.500000|2|27|1"},
      {"SELECT extract(timezone from timestamptz '2024-01-01 00:00+05:30'), extract(epoch from timestamptz '2024-01-01 00:00+05:30'), extract(hour from timestamptz '2024-01-01 00:00+05:30')", "0|1704047400.000000|18"},
      {"SELECT date_part('second', timestamp '2024-01-01 10:11:12.5'), date_part('epoch', interval '1 day'), date_part('year', date '2024-05-01'), date_part('dow', timestamp '2024-05-05 10:00')", "12.5|86400|2024|0"},
      {"SELECT pg_typeof(extract(year from date '2024-05-01')), pg_typeof(date_part('year', date '2024-05-01'))", "numeric|double precision"},
      {"SELECT date_trunc('month', timestamp '2024-05-17 10:11:12'), date_trunc('hour', timestamp '2024-05-17 10:11:12.5'), date_trunc('week', timestamp '2024-05-17 10:00'), date_trunc('year', timestamp '2024-05-17'), date_trunc('quarter', timestamp '2024-05-17'), date_trunc('second', timestamp '2024-05-17 10:11:12.5')", "2024-05-01 00:00:00|2024-05-17 10:00:00|2024-05-13 00:00:00|2024-01-01 00:00:00|2024-04-01 00:00:00|2024-05-17 10:11:12"},
      {"SELECT date_trunc('day', timestamptz '2024-05-17 10:11:12+00'), date_trunc('month', date '2024-05-17'), date_trunc('hour', interval '1 day 02:30:00'), date_trunc('decade', timestamp '2024-05-17'), date_trunc('century', timestamp '2024-05-17')", "2024-05-17 00:00:00+00|2024-05-01 00:00:00+00|1 day 02:00:00|2020-01-01 00:00:00|2001-01-01 00:00:00"},
      {"SET TIME ZONE 'America/New_York'", ""},
      {"SELECT date_trunc('day', timestamptz '2024-03-10 12:00'), extract(hour from timestamptz '2024-03-10 12:00:00+00'), extract(timezone_hour from timestamptz '2024-07-01 12:00')", "2024-03-10 00:00:00-05|8|-4"},
      {"SET TIME ZONE 'UTC'", ""},
      {"SELECT age(timestamp '2024-03-31', timestamp '2024-02-29'), age(timestamp '2024-01-01', timestamp '2023-03-15 12:00'), age(timestamp '2023-03-15 12:00', timestamp '2024-01-01'), age(timestamp '2024-05-01', timestamp '2024-04-30 23:59:59.5')", "1 mon 2 days|9 mons 16 days 12:00:00|-9 mons -16 days -12:00:00|00:00:00.5"},
      {"SELECT age(timestamptz '2024-03-01 00:00+00', timestamptz '2023-12-31 00:00+00'), age(timestamp '2020-02-29', timestamp '2020-02-29')", "2 mons 1 day|00:00:00"},
      {"SELECT make_date(2024, 2, 29), make_timestamp(2024, 2, 29, 10, 11, 12.5), make_date(-44, 3, 15)", "2024-02-29|2024-02-29 10:11:12.5|0044-03-15 BC"},
      {"SELECT now() = current_timestamp, current_date = now()::date, localtimestamp = now()::timestamp, now() - interval '1 hour' < now(), pg_typeof(now()), pg_typeof(current_date), pg_typeof(localtimestamp)", "t|t|t|t|timestamp with time zone|date|timestamp without time zone"},
  };

  private static final String[][] ERRORS = {
      {"SELECT extract(hour from date '2024-01-01')", "0A000", "unit \"hour\" not supported for type date"},
      {"SELECT extract(foo from timestamp '2024-01-01')", "22023", "unit \"foo\" not recognized for type timestamp without time zone"},
      {"SELECT date_trunc('foo', timestamp '2024-01-01')", "22023", "unit \"foo\" not recognized for type timestamp without time zone"},
      {"SELECT make_date(2024, 2, 30)", "22008", "date field value out of range: 2024-02-30"},
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
