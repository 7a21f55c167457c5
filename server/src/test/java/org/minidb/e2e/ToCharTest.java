package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** to_char for numbers and timestamps (issue 4): every expected string is PostgreSQL 15's answer. */
class ToCharTest {
  private static final String[][] NUMBERS = {
      {"to_char(12.5, '999.99')", "  12.50"}, {"to_char(-12.5, '999.99')", " -12.50"},
      {"to_char(12.5, 'FM999.99')", "12.5"}, {"to_char(12, 'FM999')", "12"},
      {"to_char(1234.567, '9,999.99')", " 1,234.57"}, {"to_char(0.5, '0.99')", " 0.50"},
      {"to_char(0.5, '9.99')", "  .50"}, {"to_char(12345, '999')", " ###"}, {"to_char(-5, 'FM999')", "-5"},
      {"to_char(7, '000')", " 007"}, {"to_char(1234567.891, '9G999G999D99')", " 1,234,567.89"},
      {"to_char(12.345, 'FM999.00')", "12.35"}, {"to_char(12.3, 'FM999.99')", "12.3"},
      {"to_char(-0.1, '990.9')", "  -0.1"}, {"to_char(3, 'S999')", "  +3"}, {"to_char(3.5::float8, '999.9')", "   3.5"},
      {"to_char(42, '99999')", "    42"}, {"to_char(125, '99')", " ##"}, {"to_char(2.5, '9')", " 3"},
      {"to_char(-2.5, '9')", "-3"}, {"to_char(0, '999')", "   0"}, {"to_char(0, 'FM999')", "0"},
      {"to_char(0.05, 'FM9.99')", ".05"}, {"to_char(100, 'FM999.')", "100"}, {"to_char(100, 'FM999.99')", "100."},
      {"to_char(-1234, '9,999')", "-1,234"}, {"to_char(5, '9,999')", "     5"},
      {"to_char(123456789012::bigint, 'FM999,999,999,999')", "123,456,789,012"},
      {"to_char(5::smallint, '00')", " 05"}, {"to_char(1.005::float8, '9.99')", " 1.00"},
      {"to_char(2.5::float8, '9')", " 2"}, {"to_char(0.125::float8, '9.99')", "  .12"},
      {"to_char(3.5::float4, '9')", " 4"},
  };

  private static final String[][] TIMES = {
      {"to_char(timestamp '2024-03-05 14:07:09.123456', 'YYYY-MM-DD')", "2024-03-05"},
      {"to_char(timestamp '2024-03-05 14:07:09.123456', 'HH24:MI:SS')", "14:07:09"},
      {"to_char(timestamp '2024-03-05 14:07:09.123456', 'Mon Day Month')", "Mar Tuesday   March    "},
      {"to_char(timestamp '2024-03-05 14:07:09.123456', 'FMMonth FMDay DD')", "March Tuesday 05"},
      {"to_char(timestamp '2024-03-05 04:07:09.123456', 'HH12 HH AM am PM p.m. MS US DDD D Q YY Dy DY dy MON mon MONTH day')",
          "04 04 AM am AM a.m. 123 123456 065 3 1 24 Tue TUE tue MAR mar MARCH     tuesday  "},
      {"to_char(timestamp '2024-03-05 04:07:09', 'YYYY\"y\"MM \"at\" HH24')", "2024y03 at 04"},
      {"to_char(date '2024-12-31', 'YYYY-MM-DD HH24:MI:SS')", "2024-12-31 00:00:00"},
      {"to_char(timestamp '2024-03-05 00:07:09', 'HH12 AM FMHH12 FMDD FMMM')", "12 AM 12 5 3"},
      {"to_char(timestamp '2024-09-15 23:59:59', 'Mon Dy FMDD, YYYY HH12:MI PM')", "Sep Sun 15, 2024 11:59 PM"},
      {"to_char(date '2024-02-29', 'FMMonth FMDD, YYYY (Day) DDD Q')", "February 29, 2024 (Thursday ) 060 1"},
  };

  @Test
  void numbersAndTimestampsAsPostgreSqlFormatsThem() throws Exception {
    try (TestServer server = TestServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String[][] cases : new String[][][] {NUMBERS, TIMES}) {
        for (String[] t : cases) {
          try (ResultSet rs = s.executeQuery("SELECT " + t[0])) {
            assertTrue(rs.next());
            assertEquals(t[1], rs.getString(1), t[0]);
          }
        }
      }
      s.execute("SET TimeZone = 'America/New_York'");
      try (ResultSet rs = s.executeQuery(
          "SELECT to_char(timestamptz '2024-07-01 12:00:00+00', 'YYYY-MM-DD HH24:MI'), to_char(NULL::numeric, '9')")) {
        assertTrue(rs.next());
        assertEquals("2024-07-01 08:00", rs.getString(1));
        assertEquals(null, rs.getString(2));
      }
    }
  }
}
