package org.minidb.common.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.PgType;
import org.minidb.common.types.ValueComparator;

/**
 * Property tests: for random values (with many ties and edge cases), the sign of the unsigned byte comparison
 * of the encodings equals ValueComparator's comparison, per type, for ASC and DESC, NULLS FIRST and LAST, and
 * for multi-column tuples; a leading-columns key is a byte prefix of the whole key.
 */
class KeyCodecTest {
  private static final int PAIRS = 4000;

  @Test
  void everyTypeOrdersAsValueComparator() {
    Random rnd = new Random(42);
    for (PgType type : PgType.values()) {
      for (KeyCodec.Column col : List.of(KeyCodec.Column.asc(type), KeyCodec.Column.desc(type),
          new KeyCodec.Column(type, false, true), new KeyCodec.Column(type, true, false))) {
        KeyCodec codec = new KeyCodec(List.of(col));
        for (int i = 0; i < PAIRS; i++) {
          Object a = rnd.nextInt(20) == 0 ? null : randomValue(type, rnd);
          Object b = rnd.nextInt(4) == 0 ? a : rnd.nextInt(20) == 0 ? null : randomValue(type, rnd);
          int expected = Integer.signum(compareColumn(col, a, b));
          int actual = Integer.signum(Arrays.compareUnsigned(codec.encode(new Object[] {a}), codec.encode(new Object[] {b})));
          assertEquals(expected, actual, () -> col + ": " + show(a) + " vs " + show(b));
        }
      }
    }
  }

  @Test
  void tuplesOrderColumnByColumnAndPrefixesArePrefixes() {
    Random rnd = new Random(7);
    List<KeyCodec.Column> cols = List.of(KeyCodec.Column.asc(PgType.TEXT), KeyCodec.Column.desc(PgType.INT4),
        KeyCodec.Column.asc(PgType.NUMERIC), new KeyCodec.Column(PgType.BYTEA, true, false));
    KeyCodec codec = new KeyCodec(cols);
    Comparator<Object[]> model = (x, y) -> {
      for (int i = 0; i < cols.size(); i++) {
        int c = compareColumn(cols.get(i), x[i], y[i]);
        if (c != 0) return c;
      }
      return 0;
    };
    List<Object[]> tuples = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Object[] t = new Object[cols.size()];
      for (int c = 0; c < t.length; c++) {
        // Few distinct leading values, so that later columns decide often.
        t[c] = rnd.nextInt(10) == 0 ? null
            : c == 0 ? List.of("", "a", "ab", "b\u0000", "é").get(rnd.nextInt(5)) : randomValue(cols.get(c).type(), rnd);
      }
      tuples.add(t);
    }
    for (int i = 0; i + 1 < tuples.size(); i++) {
      Object[] a = tuples.get(i);
      Object[] b = tuples.get(i + 1);
      byte[] ka = codec.encode(a);
      assertEquals(Integer.signum(model.compare(a, b)), Integer.signum(Arrays.compareUnsigned(ka, codec.encode(b))));
      for (int n = 0; n <= cols.size(); n++) {
        byte[] prefix = codec.encodePrefix(a, n);
        assertArrayEquals(prefix, Arrays.copyOf(ka, prefix.length), "prefix of " + n + " columns");
      }
    }
  }

  @Test
  void equalValuesEncodeAlike() {
    KeyCodec num = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.NUMERIC)));
    assertArrayEquals(num.encode(new Object[] {new BigDecimal("1.0")}), num.encode(new Object[] {new BigDecimal("1.00")}));
    assertArrayEquals(num.encode(new Object[] {new BigDecimal("0.000")}), num.encode(new Object[] {BigDecimal.ZERO}));
    KeyCodec f = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.FLOAT8)));
    assertArrayEquals(f.encode(new Object[] {-0.0}), f.encode(new Object[] {0.0}));
    assertArrayEquals(f.encode(new Object[] {Double.NaN}), f.encode(new Object[] {Double.longBitsToDouble(0x7ff0000000000123L)}));
    KeyCodec c = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.BPCHAR)));
    assertArrayEquals(c.encode(new Object[] {"ab  "}), c.encode(new Object[] {"ab"}));
    // int4 and int8 keys of the same value are the same bytes (cross-type search needs no conversion).
    KeyCodec i4 = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.INT4)));
    KeyCodec i8 = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.INT8)));
    assertArrayEquals(i4.encode(new Object[] {-7}), i8.encode(new Object[] {-7L}));
  }

  @Test
  void orderOfEdgeValuesMatchesPostgres() {
    // SELECT x FROM unnest('{NaN,Infinity,-Infinity,0,1e-300,-1e300}'::float8[]) x ORDER BY x (PostgreSQL 15)
    KeyCodec f = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.FLOAT8)));
    List<Double> sorted = sortBy(f, List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, 1e-300, -1e300));
    assertEquals(List.of(Double.NEGATIVE_INFINITY, -1e300, 0.0, 1e-300, Double.POSITIVE_INFINITY, Double.NaN), sorted);
    // SELECT x FROM unnest('{-1.5,-10,0,0.001,2,10.5,-0.002}'::numeric[]) x ORDER BY x
    KeyCodec n = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.NUMERIC)));
    List<BigDecimal> nums = sortBy(n, List.of(new BigDecimal("-1.5"), new BigDecimal("-10"), BigDecimal.ZERO,
        new BigDecimal("0.001"), new BigDecimal("2"), new BigDecimal("10.5"), new BigDecimal("-0.002")));
    assertEquals(List.of(new BigDecimal("-10"), new BigDecimal("-1.5"), new BigDecimal("-0.002"), BigDecimal.ZERO,
        new BigDecimal("0.001"), new BigDecimal("2"), new BigDecimal("10.5")), nums);
    // ORDER BY x DESC puts NULL first; ORDER BY x puts it last.
    KeyCodec desc = new KeyCodec(List.of(KeyCodec.Column.desc(PgType.INT4)));
    assertTrue(Arrays.compareUnsigned(desc.encode(new Object[] {null}), desc.encode(new Object[] {Integer.MAX_VALUE})) < 0);
    KeyCodec asc = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.INT4)));
    assertTrue(Arrays.compareUnsigned(asc.encode(new Object[] {null}), asc.encode(new Object[] {Integer.MAX_VALUE})) > 0);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> sortBy(KeyCodec codec, List<T> values) {
    List<T> out = new ArrayList<>(values);
    out.sort((a, b) -> Arrays.compareUnsigned(codec.encode(new Object[] {a}), codec.encode(new Object[] {b})));
    return out;
  }

  /** The model: ValueComparator, reversed for DESC, NULL placed as the column says. */
  private static int compareColumn(KeyCodec.Column col, Object a, Object b) {
    if (a == null || b == null) {
      if (a == b) return 0;
      return (a == null) == col.nullsFirst() ? -1 : 1;
    }
    int c = ValueComparator.compare(col.type(), a, b);
    return col.descending() ? -c : c;
  }

  private static Object randomValue(PgType type, Random rnd) {
    return switch (type) {
      case BOOL -> rnd.nextBoolean();
      case INT2 -> (short) (rnd.nextBoolean() ? rnd.nextInt(7) - 3 : rnd.nextInt());
      case INT4 -> rnd.nextBoolean() ? rnd.nextInt(7) - 3 : pick(rnd, rnd.nextInt(), Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT8, OID -> rnd.nextBoolean() ? (long) (rnd.nextInt(7) - 3) : pick(rnd, rnd.nextLong(), Long.MIN_VALUE, Long.MAX_VALUE);
      case FLOAT4 -> pick(rnd, (float) (rnd.nextGaussian() * 100), Float.NaN, -0.0f, 0.0f,
          Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MAX_VALUE, 1.5f);
      case FLOAT8 -> pick(rnd, rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20), Double.NaN, -0.0, 0.0,
          Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, 1.5);
      case NUMERIC -> {
        BigInteger unscaled = new BigInteger(rnd.nextInt(80) + 1, rnd);
        if (rnd.nextBoolean()) unscaled = unscaled.negate();
        if (rnd.nextInt(8) == 0) unscaled = BigInteger.valueOf(rnd.nextInt(5) - 2).multiply(BigInteger.TEN.pow(rnd.nextInt(4)));
        yield new BigDecimal(unscaled, rnd.nextInt(30) - 10);
      }
      case BYTEA -> {
        byte[] b = new byte[rnd.nextInt(5)];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (int) pick(rnd, rnd.nextInt(256), 0, 1, 0xff, 0xfe);
        yield b;
      }
      case DATE -> LocalDate.ofEpochDay(rnd.nextInt(2_000_000) - 1_000_000);
      case INTERVAL -> new org.minidb.common.types.Interval(rnd.nextInt(25) - 12, rnd.nextInt(61) - 30,
          rnd.nextLong(-2 * org.minidb.common.types.Interval.MICROS_PER_DAY, 2 * org.minidb.common.types.Interval.MICROS_PER_DAY));
      case TIMESTAMP -> LocalDateTime.ofEpochSecond(rnd.nextLong(-10_000_000_000L, 10_000_000_000L),
          rnd.nextInt(1_000_000) * 1000, ZoneOffset.UTC);
      case TIMESTAMPTZ -> Instant.ofEpochSecond(rnd.nextInt(3) == 0 ? rnd.nextInt(3) : rnd.nextLong(-10_000_000_000L, 10_000_000_000L),
          rnd.nextInt(3) * 1000);
      case TEXT, VARCHAR, NAME, UNKNOWN, BPCHAR -> randomString(rnd);
    };
  }

  /** Short strings over an alphabet with NUL, spaces, ASCII, 2- and 3-byte chars, pairs and lone surrogates. */
  private static String randomString(Random rnd) {
    String[] alphabet = {"\u0000", " ", "a", "b", "\u007f", "\u0080", "é", "\u07ff", "\u0800", "\ud7ff", "\ue000",
        "\uffff", "😀", "\ud800", "\udfff", "\uff01"};
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) sb.append(alphabet[rnd.nextInt(alphabet.length)]);
    return sb.toString();
  }

  @SafeVarargs
  private static <T> T pick(Random rnd, T usual, T... edges) {
    return rnd.nextInt(3) == 0 ? edges[rnd.nextInt(edges.length)] : usual;
  }

  private static String show(Object v) {
    return v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v);
  }
}
