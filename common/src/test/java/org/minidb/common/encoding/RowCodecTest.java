package org.minidb.common.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

class RowCodecTest {
  private static final List<DataType> TYPES = List.of(DataType.BOOL, DataType.INT2, DataType.INT4,
      DataType.INT8, DataType.FLOAT4, DataType.FLOAT8, DataType.NUMERIC, DataType.TEXT, DataType.BYTEA,
      DataType.DATE, DataType.TIMESTAMP, DataType.TIMESTAMPTZ, DataType.varchar(10));

  @Test
  void roundTripsEveryType() {
    Object[] row = {true, (short) -7, 42, -1L << 40, 1.5f, -2.25e300, new BigDecimal("-123456789012345678901.0050"),
        "héllo wörld ✓ 😀", new byte[] {0, 1, (byte) 255}, LocalDate.of(1999, 12, 31),
        LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123456000), Instant.parse("1960-01-01T00:00:00.000001Z"),
        "x".repeat(300)};
    Object[] back = RowCodec.decode(TYPES, RowCodec.encode(TYPES, row));
    for (int i = 0; i < row.length; i++) {
      if (row[i] instanceof byte[] b) assertArrayEquals(b, (byte[]) back[i]);
      else assertEquals(row[i], back[i], "column " + i);
    }
  }

  @Test
  void nullsAndMissingTrailingColumnsDecodeAsNull() {
    Object[] row = new Object[TYPES.size()];
    row[2] = 5;
    Object[] back = RowCodec.decode(TYPES, RowCodec.encode(TYPES, row));
    assertEquals(5, back[2]);
    assertNull(back[0]);
    assertNull(back[12]);
    byte[] narrow = RowCodec.encode(List.of(DataType.INT4), new Object[] {9});
    Object[] wide = RowCodec.decode(List.of(DataType.INT4, DataType.TEXT), narrow);
    assertEquals(9, wide[0]);
    assertNull(wide[1]);
  }

  @Test
  void onlyWantedColumnsAreDecodedAndTheRestSkippedExactly() {
    Object[] row = {true, (short) -7, 42, -1L << 40, 1.5f, -2.25e300, new BigDecimal("-1.0050"), "héllo ✓",
        new byte[] {0, 1}, LocalDate.of(1999, 12, 31), LocalDateTime.of(2024, 2, 29, 23, 59, 58),
        Instant.parse("1960-01-01T00:00:00.000001Z"), "x".repeat(300)};
    byte[] data = RowCodec.encode(TYPES, row);
    PgType[] types = TYPES.stream().map(DataType::type).toArray(PgType[]::new);
    for (int keep = 0; keep < row.length; keep++) {
      boolean[] wanted = new boolean[row.length];
      wanted[keep] = true;
      Object[] back = new Object[row.length + 1];
      java.util.Arrays.fill(back, "stale");
      RowCodec.decodeInto(types, wanted, data, back, 0);
      for (int i = 0; i < row.length; i++) {
        if (i != keep) assertNull(back[i], "skipped column " + i);
        else if (row[i] instanceof byte[] b) assertArrayEquals(b, (byte[]) back[i]);
        else assertEquals(row[i], back[i], "column " + i);
      }
      assertEquals("stale", back[row.length]);
    }
  }

  @Test
  void toastPointersTakeTheFourByteFormWithTheTopBitsSet() {
    List<DataType> types = List.of(DataType.INT4, DataType.TEXT, DataType.BYTEA, DataType.TEXT);
    ToastPointer p = new ToastPointer(16390, 16400, (7L << 16) | 3, 100_000_000, 99_000_000, true);
    Object[] row = {1, p, new byte[200], null};
    byte[] tuple = RowCodec.encode(types, row);
    assertEquals(2 + 1 + 4 + 4 + ToastPointer.BODY_SIZE + 4 + 200, tuple.length);
    Object[] back = RowCodec.decode(types, tuple);
    assertEquals(p, back[1]);
    assertEquals(200, ((byte[]) back[2]).length);
    assertNull(back[3]);
    assertEquals(List.of(p), RowCodec.externalValues(new PgType[] {PgType.INT4, PgType.TEXT, PgType.BYTEA,
        PgType.TEXT}, tuple));
    assertEquals(List.of(), RowCodec.externalValues(new PgType[] {PgType.INT4, PgType.TEXT, PgType.BYTEA,
        PgType.TEXT}, RowCodec.encode(types, new Object[] {1, "x".repeat(300), null, "y"})));
  }
}
