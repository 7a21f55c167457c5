package org.minidb.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;
import org.minidb.common.types.PgType;

class BinaryFormatTest {
  private static byte[] encode(PgType type, Object value) {
    ByteBuf b = Unpooled.buffer();
    BinaryFormat.encode(type, value, b);
    return ByteBufUtil.getBytes(b);
  }

  private static String hex(PgType type, Object value) { return HexFormat.of().formatHex(encode(type, value)); }

  @Test
  void numericMatchesPostgresBytes() {
    // The bytes pgjdbc sends for 1.5 (see notes/pg-clients.md §2.3), and numeric_send's output for others.
    assertEquals("000200000000000100011388", hex(PgType.NUMERIC, new BigDecimal("1.5")));
    assertEquals("0000000000000000", hex(PgType.NUMERIC, BigDecimal.ZERO));
    assertEquals("0000000000000002", hex(PgType.NUMERIC, new BigDecimal("0.00")));
    assertEquals("0001000100000000" + "0001", hex(PgType.NUMERIC, new BigDecimal("10000")));
    assertEquals("00020000400000040004" + "04d2", hex(PgType.NUMERIC, new BigDecimal("-4.1234")));
    assertEquals("0001fffe00000008" + "0001", hex(PgType.NUMERIC, new BigDecimal("0.00000001")));
  }

  @Test
  void everyTypeRoundTrips() {
    List<Object[]> cases = List.of(
        new Object[] {PgType.BOOL, true}, new Object[] {PgType.INT2, (short) -7},
        new Object[] {PgType.INT4, 123456}, new Object[] {PgType.INT8, Long.MIN_VALUE},
        new Object[] {PgType.OID, 4294967295L}, new Object[] {PgType.FLOAT4, 1.5f},
        new Object[] {PgType.FLOAT8, -0.1}, new Object[] {PgType.TEXT, "héllo"},
        new Object[] {PgType.VARCHAR, ""}, new Object[] {PgType.BPCHAR, "ab "}, new Object[] {PgType.NAME, "pg"},
        new Object[] {PgType.DATE, LocalDate.of(1999, 12, 31)},
        new Object[] {PgType.TIMESTAMP, LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123456000)},
        new Object[] {PgType.TIMESTAMPTZ, Instant.parse("1970-01-01T00:00:00.000001Z")},
        new Object[] {PgType.NUMERIC, new BigDecimal("123456789.000012345")},
        new Object[] {PgType.NUMERIC, new BigDecimal("-0.5")},
        new Object[] {PgType.NUMERIC, new BigDecimal("100000000")});
    for (Object[] c : cases) {
      PgType type = (PgType) c[0];
      assertEquals(c[1], BinaryFormat.decode(type, encode(type, c[1])), type.name());
    }
    byte[] bytes = {0, 1, (byte) 0xff};
    assertArrayEquals(bytes, (byte[]) BinaryFormat.decode(PgType.BYTEA, encode(PgType.BYTEA, bytes)));
  }

  @Test
  void epochsAreTheYear2000() {
    assertEquals("00000000", hex(PgType.DATE, LocalDate.of(2000, 1, 1)));
    assertEquals("ffffffff", hex(PgType.DATE, LocalDate.of(1999, 12, 31)));
    assertEquals("0000000000000001", hex(PgType.TIMESTAMP, LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1000)));
    assertEquals("0000000000000000", hex(PgType.TIMESTAMPTZ, Instant.parse("2000-01-01T00:00:00Z")));
  }

  @Test
  void intervalIsInterval_send() {
    // interval_send's output in PostgreSQL 15: int64 microseconds, int32 days, int32 months.
    org.minidb.common.types.Interval v = org.minidb.common.types.IntervalText.parse("1 year 2 mons 3 days 04:05:06.5");
    assertEquals("000000036c9361a0000000030000000e", hex(PgType.INTERVAL, v));
    assertEquals(v, BinaryFormat.decode(PgType.INTERVAL, encode(PgType.INTERVAL, v)));
    assertEquals("ffffffffffffffffffffffff00000000",
        hex(PgType.INTERVAL, org.minidb.common.types.IntervalText.parse("-1 day -00:00:00.000001")));
  }

  @Test
  void wrongLengthIsBadBinaryData() {
    DbException e = assertThrows(DbException.class, () -> BinaryFormat.decode(PgType.INT4, new byte[] {0, 1}));
    assertEquals("22P03", e.sqlState());
    e = assertThrows(DbException.class, () -> BinaryFormat.decode(PgType.INT2, new byte[] {0, 1, 2}));
    assertEquals("22P03", e.sqlState());
  }
}
