package org.minidb.common.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Orderings checked against PostgreSQL 15 (ORDER BY ... COLLATE "C", and = on each type). */
class ValueComparatorTest {
  @Test
  void textIsCodePointOrder() {
    // SELECT x FROM (VALUES ('b'),('B'),('a'),('é'),('\uFF01'),('😀')) v(x) ORDER BY x COLLATE "C"
    List<Object> values = new ArrayList<>(List.of("b", "B", "a", "é", "😀", "\uFF01", "ab", ""));
    values.sort(ValueComparator.forType(PgType.TEXT));
    assertEquals(List.of("", "B", "a", "ab", "b", "é", "\uFF01", "😀"), values);
  }

  @Test
  void bpcharIgnoresTrailingSpaces() {
    assertEquals(0, ValueComparator.compare(PgType.BPCHAR, "ab ", "ab")); // 'ab '::char(3) = 'ab' is t
    assertEquals(ValueComparator.hashKey(PgType.BPCHAR, "ab  "), ValueComparator.hashKey(PgType.BPCHAR, "ab"));
    assertTrue(ValueComparator.compare(PgType.TEXT, "ab ", "ab") > 0);
  }

  @Test
  void floatsPutNaNLastAndEqualZeros() {
    assertTrue(ValueComparator.compare(PgType.FLOAT8, Double.NaN, Double.POSITIVE_INFINITY) > 0);
    assertEquals(0, ValueComparator.compare(PgType.FLOAT8, Double.NaN, Double.NaN));
    assertEquals(0, ValueComparator.compare(PgType.FLOAT8, -0.0, 0.0));
    assertEquals(ValueComparator.hashKey(PgType.FLOAT8, -0.0), ValueComparator.hashKey(PgType.FLOAT8, 0.0));
    assertTrue(ValueComparator.compare(PgType.FLOAT4, Float.NaN, 1f) > 0);
  }

  @Test
  void numericByValue() {
    assertEquals(0, ValueComparator.compare(PgType.NUMERIC, new BigDecimal("1.0"), new BigDecimal("1.00")));
    assertEquals(ValueComparator.hashKey(PgType.NUMERIC, new BigDecimal("1.0")),
        ValueComparator.hashKey(PgType.NUMERIC, new BigDecimal("1.00")));
    assertEquals(ValueComparator.hashKey(PgType.NUMERIC, new BigDecimal("0.000")),
        ValueComparator.hashKey(PgType.NUMERIC, BigDecimal.ZERO));
  }

  @Test
  void byteaUnsignedAndBoolFalseFirst() {
    assertTrue(ValueComparator.compare(PgType.BYTEA, new byte[] {(byte) 0xff}, new byte[] {1, 2}) > 0);
    assertTrue(ValueComparator.compare(PgType.BYTEA, new byte[] {1}, new byte[] {1, 0}) < 0);
    assertTrue(ValueComparator.compare(PgType.BOOL, false, true) < 0);
    assertTrue(ValueComparator.compare(PgType.INT8, -5L, 3L) < 0);
  }
}
