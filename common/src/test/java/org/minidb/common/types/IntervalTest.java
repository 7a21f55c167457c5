package org.minidb.common.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

/** Interval input, output, ordering and arithmetic; expected texts are PostgreSQL 15's. */
class IntervalTest {
  private static String roundTrip(String in) { return IntervalText.format(IntervalText.parse(in)); }

  @Test
  void readsAndPrintsAsPostgresql() {
    String[][] cases = {
        {"1 day 2 hours", "1 day 02:00:00"}, {"1-2", "1 year 2 mons"}, {"P1DT2H", "1 day 02:00:00"},
        {"3 days", "3 days"}, {"-1 mons +2 days", "-1 mons +2 days"}, {"1.5 seconds", "00:00:01.5"},
        {"1 mon -1 day", "1 mon -1 days"}, {"-00:00:01.5", "-00:00:01.5"}, {"1 week", "7 days"},
        {"1.5 days", "1 day 12:00:00"}, {"1.5 months", "1 mon 15 days"}, {"@ 1 day ago", "-1 days"},
        {"2 hours 30 minutes ago", "-02:30:00"}, {"0", "00:00:00"}, {"100 years", "100 years"},
        {"1 year 2 months 3 days 04:05:06.789", "1 year 2 mons 3 days 04:05:06.789"},
        {"-1 year -2 mons +3 days -04:05:06", "-1 years -2 mons +3 days -04:05:06"}, {"P2W", "14 days"},
        {"P1Y2M3DT4H5M6S", "1 year 2 mons 3 days 04:05:06"}, {"10", "00:00:10"}, {"1:30", "01:30:00"},
    };
    for (String[] c : cases) assertEquals(c[1], roundTrip(c[0]), c[0]);
    assertEquals("3 days", IntervalText.format(IntervalText.parse("3", IntervalText.Unit.DAY)));
  }

  @Test
  void refusesWhatPostgresqlRefuses() {
    DbException e = assertThrows(DbException.class, () -> IntervalText.parse("nonsense"));
    assertEquals("22007", e.sqlState());
    assertEquals("invalid input syntax for type interval: \"nonsense\"", e.getMessage());
    assertThrows(DbException.class, () -> IntervalText.parse(""));
  }

  @Test
  void comparesWithThirtyDayMonths() {
    Interval month = IntervalText.parse("1 mon");
    Interval days30 = IntervalText.parse("30 days");
    assertEquals(0, month.compareTo(days30));
    assertEquals(month.hashKey(), days30.hashKey());
    assertEquals(ValueComparator.hashKey(PgType.INTERVAL, month), ValueComparator.hashKey(PgType.INTERVAL, days30));
    assertTrue(IntervalText.parse("1 day").compareTo(IntervalText.parse("25 hours")) < 0);
    assertTrue(IntervalText.parse("-1 day").compareTo(Interval.ZERO) < 0);
    assertEquals(0, IntervalText.parse("1 day").compareTo(IntervalText.parse("24 hours")));
  }

  @Test
  void arithmeticAsPostgresql() {
    assertEquals("1 day 12:00:00", IntervalText.parse("1 day").multiply(1.5).toString());
    assertEquals("10 days", IntervalText.parse("1 mon").divide(3).toString());
    assertEquals("06:00:00", IntervalText.parse("1 day").divide(4).toString());
    assertEquals("1 day -02:00:00", IntervalText.parse("1 day").minus(IntervalText.parse("2 hours")).toString());
    assertEquals("-1 mons -2 days", IntervalText.parse("1 mon 2 days").negate().toString());
    assertEquals("1 mon 5 days", IntervalText.parse("35 days").justifyDays().toString());
    assertEquals("1 day 03:00:00", IntervalText.parse("27 hours").justifyHours().toString());
    assertEquals("29 days 23:00:00", IntervalText.parse("1 mon -1 hour").justifyInterval().toString());
    DbException e = assertThrows(DbException.class, () -> IntervalText.parse("1 day").divide(0));
    assertEquals("22012", e.sqlState());
  }

  @Test
  void textFormatAndRowCodecCarryIt() {
    Interval v = new Interval(14, -3, 3_723_000_001L);
    assertEquals(v, TextFormat.parse(PgType.INTERVAL, TextFormat.format(PgType.INTERVAL, v)));
    java.util.List<DataType> types = java.util.List.of(DataType.INT4, DataType.INTERVAL, DataType.TEXT);
    Object[] row = {1, v, "x"};
    byte[] bytes = org.minidb.common.encoding.RowCodec.encode(types, row);
    org.junit.jupiter.api.Assertions.assertArrayEquals(row, org.minidb.common.encoding.RowCodec.decode(types, bytes));
  }
}
