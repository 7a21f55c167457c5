package org.minidb.e2e;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The interval type: text input forms, output in IntervalStyle postgres, comparison by 30-day months, storage.
 * Every expected answer was recorded from PostgreSQL 15 (psql, unaligned, '|' between columns).
 */
class IntervalTest {
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
  private static final String SETUP = "CREATE TABLE iv (id int, i interval); INSERT INTO iv VALUES (1, '1 day'), (2, '1 mon'), (3, '30 days'), (4, '-1 hours'), (5, NULL), (6, '25 hours'), (7, '1 year 2 mons 3 days 04:05:06.5')";

  private static final String[][] ANSWERS = {
      {"SELECT interval '1 day 2 hours', interval '1-2', interval 'P1DT2H', '3 days'::interval, interval '1' day", "1 day 02:00:00|1 year 2 mons|1 day 02:00:00|3 days|1 day"},
      {"SELECT interval '-1 mons +2 days', interval '1.5 seconds', interval '1:30' hour to minute, interval '10' minute, interval '1 mon -1 day'", "-1 mons +2 days|00:00:01.5|01:30:00|00:10:00|1 mon -1 days"},
      {"SELECT interval '-00:00:01.5', interval '1 week', interval '1.5 days', interval '1.5 months', interval '@ 1 day ago', interval '2 hours 30 minutes ago'", "-00:00:01.5|7 days|1 day 12:00:00|1 mon 15 days|-1 days|-02:30:00"},
      {"SELECT interval '0', interval '1 year 2 months 3 days 04:05:06.789', interval '-1 year -2 mons +3 days -04:05:06', interval '100 years', interval 'P1Y2M3DT4H5M6S', interval 'P2W'", "00:00:00|1 year 2 mons 3 days 04:05:06.789|-1 years -2 mons +3 days -04:05:06|100 years|1 year 2 mons 3 days 04:05:06|14 days"},
      {"SELECT CAST('1 day' AS interval), '2 hours'::interval * 3, '45 minutes'::interval + '15 minutes'", "1 day|06:00:00|01:00:00"},
      {"SELECT id, i FROM iv ORDER BY i, id", "4|-01:00:00\n1|1 day\n6|25:00:00\n2|1 mon\n3|30 days\n7|1 year 2 mons 3 days 04:05:06.5\n5|"},
      {"SELECT id FROM iv WHERE i = interval '30 days' ORDER BY id", "2\n3"},
      {"SELECT id FROM iv WHERE i > '1 day' ORDER BY id", "2\n3\n6\n7"},
      {"SELECT count(DISTINCT i), min(i), max(i) FROM iv", "5|-01:00:00|1 year 2 mons 3 days 04:05:06.5"},
      {"SELECT interval '1 mon' = interval '30 days', interval '1 day' < interval '25 hours', interval '-1 day' < interval '0'", "t|t|t"},
      {"SELECT i, -i FROM iv WHERE id = 7", "1 year 2 mons 3 days 04:05:06.5|-1 years -2 mons -3 days -04:05:06.5"},
      {"SELECT justify_days(interval '35 days'), justify_hours(interval '27 hours'), justify_interval(interval '1 mon -1 hour')", "1 mon 5 days|1 day 03:00:00|29 days 23:00:00"},
      {"SELECT interval '1 day' * 1.5, 2 * interval '1 hour', interval '1 mon' / 3, interval '1 day' / 4", "1 day 12:00:00|02:00:00|10 days|06:00:00"},
  };

  private static final String[][] ERRORS = {
      {"SELECT interval 'nonsense'", "22007", "invalid input syntax for type interval: \"nonsense\""},
      {"SELECT 'x'::interval", "22007", "invalid input syntax for type interval: \"x\""},
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

  /** An interval parameter bound as text, through the extended protocol. */
  @Test
  void intervalParameter() throws Exception {
    try (Connection c = server.connect();
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT i + ?::interval, ?::interval FROM iv WHERE id = 7")) {
      ps.setString(1, "1 day 2 hours");
      ps.setString(2, "0 years 0 mons 1 days 2 hours 0 mins 0.0 secs"); // PGInterval's own text form
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        org.junit.jupiter.api.Assertions.assertTrue(rs.next());
        org.junit.jupiter.api.Assertions.assertEquals("1 year 2 mons 4 days 06:05:06.5", rs.getString(1));
        org.junit.jupiter.api.Assertions.assertEquals("1 day 02:00:00", rs.getString(2));
      }
    }
  }
}
