package org.minidb.common.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

/** Expected texts were obtained from PostgreSQL 15 (psql -At). */
class TextFormatTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static String f8(double v) { return TextFormat.format(PgType.FLOAT8, v); }
  private static String f4(float v) { return TextFormat.format(PgType.FLOAT4, v); }

  private static void assertError(String state, String message, Runnable r) {
    DbException e = assertThrows(DbException.class, r::run);
    assertEquals(state, e.sqlState(), e.getMessage());
    assertEquals(message, e.getMessage());
  }

  @Test
  void floatOutputIsShortestRoundTripInPostgresNotation() {
    assertEquals("1.5", f8(1.5));
    assertEquals("1e+20", f8(1e20));
    assertEquals("1.2345678e-05", f8(1.2345678e-05));
    assertEquals("Infinity", f8(Double.POSITIVE_INFINITY));
    assertEquals("-Infinity", f8(Double.NEGATIVE_INFINITY));
    assertEquals("NaN", f8(Double.NaN));
    assertEquals("1e-05", f8(1e-5));
    assertEquals("1.2345678901234568e+17", f8(123456789012345678.0));
    assertEquals("1e+15", f8(1e15));
    assertEquals("123456789012345", f8(123456789012345.0));
    assertEquals("999999999999999", f8(999999999999999.0));
    assertEquals("0.00012345", f8(0.00012345));
    assertEquals("0.0001", f8(1e-4));
    assertEquals("-0", f8(-0.0));
    assertEquals("1.5000000000000001e+305", f8(1.5e300 * 1e5));
    assertEquals("3.3333333333333335", f8(10.0 / 3));
    assertEquals("3.3333332538604736", f8((double) (10f / 3f)));
    assertEquals("1.100000023841858", f8((double) 1.1f));
    assertEquals("1e-320", f8(1e-320));
    assertEquals("0.1", f4(0.1f));
    assertEquals("1.234567e+06", f4(1234567f));
    assertEquals("123456", f4(123456f));
    assertEquals("1e+06", f4(1e6f));
    assertEquals("0.0001", f4(1e-4f));
    assertEquals("1e-05", f4(1e-5f));
    assertEquals("100", f4(100f));
    assertEquals("3.3333333", f4(10f / 3f));
  }

  @Test
  void floatInput() {
    assertEquals(1.5, TextFormat.parse(PgType.FLOAT8, " 1.5 "));
    assertEquals(Double.POSITIVE_INFINITY, TextFormat.parse(PgType.FLOAT8, "Infinity"));
    assertEquals(Double.NEGATIVE_INFINITY, TextFormat.parse(PgType.FLOAT8, "-inf"));
    assertEquals(Double.NaN, TextFormat.parse(PgType.FLOAT8, "nan"));
    assertEquals(1.1f, TextFormat.parse(PgType.FLOAT4, "1.1"));
    assertError("22003", "\"1e400\" is out of range for type double precision",
        () -> TextFormat.parse(PgType.FLOAT8, "1e400"));
    assertError("22003", "\"1e40\" is out of range for type real", () -> TextFormat.parse(PgType.FLOAT4, "1e40"));
    assertError("22P02", "invalid input syntax for type double precision: \"abc\"",
        () -> TextFormat.parse(PgType.FLOAT8, "abc"));
  }

  @Test
  void integers() {
    assertEquals(12, TextFormat.parse(PgType.INT4, " 12 "));
    assertEquals(5, TextFormat.parse(PgType.INT4, "+5"));
    assertEquals((short) -32768, TextFormat.parse(PgType.INT2, "-32768"));
    assertEquals(Long.MIN_VALUE, TextFormat.parse(PgType.INT8, "-9223372036854775808"));
    assertError("22P02", "invalid input syntax for type integer: \"x\"", () -> TextFormat.parse(PgType.INT4, "x"));
    assertError("22P02", "invalid input syntax for type integer: \"1.5\"", () -> TextFormat.parse(PgType.INT4, "1.5"));
    assertError("22P02", "invalid input syntax for type integer: \"\"", () -> TextFormat.parse(PgType.INT4, ""));
    assertError("22003", "value \"99999999999\" is out of range for type integer",
        () -> TextFormat.parse(PgType.INT4, "99999999999"));
    assertError("22003", "value \"40000\" is out of range for type smallint",
        () -> TextFormat.parse(PgType.INT2, "40000"));
    assertError("22003", "value \"9223372036854775808\" is out of range for type bigint",
        () -> TextFormat.parse(PgType.INT8, "9223372036854775808"));
    assertEquals("-7", TextFormat.format(PgType.INT4, -7));
  }

  @Test
  void booleans() {
    for (String t : new String[] {"t", "true", "TRUE ", "yes", "y", "on", "1"}) {
      assertEquals(true, TextFormat.parse(PgType.BOOL, t), t);
    }
    for (String f : new String[] {"f", "false", "no", "off", "of", "0"}) {
      assertEquals(false, TextFormat.parse(PgType.BOOL, f), f);
    }
    assertError("22P02", "invalid input syntax for type boolean: \"o\"", () -> TextFormat.parse(PgType.BOOL, "o"));
    assertError("22P02", "invalid input syntax for type boolean: \"  \"", () -> TextFormat.parse(PgType.BOOL, "  "));
    assertEquals("t", TextFormat.format(PgType.BOOL, true));
    assertEquals("f", TextFormat.format(PgType.BOOL, false));
  }

  @Test
  void numeric() {
    assertEquals("1.50", TextFormat.format(PgType.NUMERIC, TextFormat.parse(PgType.NUMERIC, "1.50")));
    assertEquals("1000", TextFormat.format(PgType.NUMERIC, TextFormat.parse(PgType.NUMERIC, "1e3")));
    assertEquals("0.0015", TextFormat.format(PgType.NUMERIC, TextFormat.parse(PgType.NUMERIC, "  1.5e-3 ")));
    assertEquals("1200", TextFormat.format(PgType.NUMERIC, new BigDecimal("1.2E+3")));
    assertError("22P02", "invalid input syntax for type numeric: \"abc\"",
        () -> TextFormat.parse(PgType.NUMERIC, "abc"));
  }

  @Test
  void dates() {
    assertEquals(LocalDate.of(2024, 1, 2), TextFormat.parse(PgType.DATE, "2024-01-02"));
    assertEquals(LocalDate.of(2024, 1, 2), TextFormat.parse(PgType.DATE, " 2024-1-2 "));
    assertEquals(LocalDate.of(2024, 1, 2), TextFormat.parse(PgType.DATE, "20240102"));
    assertEquals(LocalDate.EPOCH, TextFormat.parse(PgType.DATE, "epoch"));
    assertEquals("0044-03-15 BC", TextFormat.format(PgType.DATE, TextFormat.parse(PgType.DATE, "0044-03-15 BC")));
    assertEquals("0001-12-31 BC", TextFormat.format(PgType.DATE, LocalDate.of(1, 1, 1).minusDays(1)));
    assertEquals("10000-01-01", TextFormat.format(PgType.DATE, LocalDate.of(10000, 1, 1)));
    assertError("22008", "date/time field value out of range: \"2024-13-01\"",
        () -> TextFormat.parse(PgType.DATE, "2024-13-01"));
    assertError("22008", "date/time field value out of range: \"2024-02-30\"",
        () -> TextFormat.parse(PgType.DATE, "2024-02-30"));
    assertError("22007", "invalid input syntax for type date: \"garbage\"",
        () -> TextFormat.parse(PgType.DATE, "garbage"));
  }

  @Test
  void timestamps() {
    assertEquals("2024-01-02 03:04:05.123457",
        TextFormat.format(PgType.TIMESTAMP, TextFormat.parse(PgType.TIMESTAMP, "2024-01-02 03:04:05.1234567")));
    assertEquals("2024-01-02 03:04:05.12",
        TextFormat.format(PgType.TIMESTAMP, TextFormat.parse(PgType.TIMESTAMP, "2024-01-02 03:04:05.120")));
    assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4), TextFormat.parse(PgType.TIMESTAMP, "2024-01-02 03:04"));
    assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), TextFormat.parse(PgType.TIMESTAMP, "2024-01-02T03:04:05"));
    assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), TextFormat.parse(PgType.TIMESTAMP, "2024-01-02 03:04:05 +05"));
    assertError("22008", "date/time field value out of range: \"2024-01-02 25:00\"",
        () -> TextFormat.parse(PgType.TIMESTAMP, "2024-01-02 25:00"));
    assertError("22007", "invalid input syntax for type timestamp: \"xx\"",
        () -> TextFormat.parse(PgType.TIMESTAMP, "xx"));
  }

  @Test
  void timestamptz() {
    String[][] cases = {
      {"2024-01-02T03:04:05+05:30", "2024-01-01 21:34:05+00"},
      {"2024-01-02 03:04:05", "2024-01-02 03:04:05+00"},
      {"2024-01-02 03:04:05Z", "2024-01-02 03:04:05+00"},
      {"2024-01-02 03:04:05-0830", "2024-01-02 11:34:05+00"},
      {"2024-01-02 03:04:05 UTC", "2024-01-02 03:04:05+00"},
      {"2024-01-02 03:04:05 America/New_York", "2024-01-02 08:04:05+00"},
    };
    for (String[] c : cases) {
      assertEquals(c[1], TextFormat.format(PgType.TIMESTAMPTZ, TextFormat.parse(PgType.TIMESTAMPTZ, c[0], UTC), UTC));
    }
    assertError("22023", "time zone \"foo/bar\" not recognized",
        () -> TextFormat.parse(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05 Foo/Bar", UTC));
    assertError("22007", "invalid input syntax for type timestamp with time zone: \"xx\"",
        () -> TextFormat.parse(PgType.TIMESTAMPTZ, "xx", UTC));
    assertError("22P02", "invalid input syntax for type bigint: \"1.5\"", () -> TextFormat.parse(PgType.INT8, "1.5"));
    assertError("22003", "\"1e-50\" is out of range for type real", () -> TextFormat.parse(PgType.FLOAT4, "1e-50"));
    assertEquals(-50.0, TextFormat.parse(PgType.FLOAT8, "-.5e2"));
    Instant i = (Instant) TextFormat.parse(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05+00", UTC);
    assertEquals("2024-01-02 08:34:05+05:30", TextFormat.format(PgType.TIMESTAMPTZ, i, ZoneId.of("Asia/Kolkata")));
    Instant old = (Instant) TextFormat.parse(PgType.TIMESTAMPTZ, "1900-01-01 00:00:00+00", UTC);
    assertEquals("1900-01-01 05:21:10+05:21:10", TextFormat.format(PgType.TIMESTAMPTZ, old, ZoneId.of("Asia/Kolkata")));
  }

  @Test
  void bytea() {
    assertEquals("\\x0102ff", TextFormat.format(PgType.BYTEA, new byte[] {1, 2, (byte) 0xff}));
    assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, (byte[]) TextFormat.parse(PgType.BYTEA, "\\x0102ff"));
    assertEquals("\\x61625c6301", TextFormat.format(PgType.BYTEA, TextFormat.parse(PgType.BYTEA, "ab\\\\c\\001")));
    assertError("22023", "invalid hexadecimal data: odd number of digits", () -> TextFormat.parse(PgType.BYTEA, "\\x1"));
    assertError("22023", "invalid hexadecimal digit: \"g\"", () -> TextFormat.parse(PgType.BYTEA, "\\xgg"));
    assertError("22P02", "invalid input syntax for type bytea", () -> TextFormat.parse(PgType.BYTEA, "a\\"));
  }
}
