package org.minidb.common.types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;

/**
 * PostgreSQL's ordering of the non-null values of each type (the btree opclass's comparison), and the
 * matching notion of equality for hashing:
 * <ul>
 *   <li>text, varchar, name: by code point, i.e. the UTF-8 bytes, as in the C collation;
 *   <li>bpchar: the same, ignoring trailing spaces ({@code 'ab '::char(3) = 'ab'});
 *   <li>float4/float8: {@code -0 = 0}, and NaN equals NaN and sorts above every other value, Infinity
 *       included;
 *   <li>numeric: by value, so {@code 1.0 = 1.00};
 *   <li>bytea: unsigned bytes, then length; bool: false before true;
 *   <li>interval: flattened with 30-day months ({@code '1 mon' = '30 days'}), see {@link Interval}.
 * </ul>
 * Comparators are resolved once per type (no per-row dispatch on the type) and do not accept nulls: NULL
 * placement is the caller's (sort keys, 3-valued comparison).
 */
public final class ValueComparator {
  private ValueComparator() {}

  private static final Comparator<Object> NATURAL = ValueComparator::compareNatural;
  private static final Comparator<Object> TEXT = (a, b) -> compareCodePoints((String) a, (String) b);
  private static final Comparator<Object> BPCHAR =
      (a, b) -> compareCodePoints(stripTrailingSpaces((String) a), stripTrailingSpaces((String) b));
  private static final Comparator<Object> FLOAT8 = (a, b) -> compareDouble((Double) a, (Double) b);
  private static final Comparator<Object> FLOAT4 = (a, b) -> compareDouble((Float) a, (Float) b);
  private static final Comparator<Object> NUMERIC = (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b);
  private static final Comparator<Object> BYTEA = (a, b) -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
  private static final Comparator<Object> INTEGRAL =
      (a, b) -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());

  /** The comparator of non-null values of {@code type}. */
  public static Comparator<Object> forType(PgType type) {
    return switch (type) {
      case TEXT, VARCHAR, NAME, UNKNOWN -> TEXT;
      case BPCHAR -> BPCHAR;
      case FLOAT4 -> FLOAT4;
      case FLOAT8 -> FLOAT8;
      case NUMERIC -> NUMERIC;
      case BYTEA -> BYTEA;
      case INT2, INT4, INT8, OID -> INTEGRAL;
      case BOOL, DATE, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> NATURAL;
    };
  }

  /** Compares two non-null values of {@code type}. */
  public static int compare(PgType type, Object a, Object b) { return forType(type).compare(a, b); }

  /**
   * A key whose {@code equals}/{@code hashCode} agree with this ordering's equality, for hash joins, hash
   * aggregation and DISTINCT: numeric without trailing zeros, float -0 as 0, bpchar without trailing
   * spaces, bytea as a content-compared buffer, integers as Long. Null stays null.
   */
  public static Object hashKey(PgType type, Object value) {
    if (value == null) return null;
    return switch (type) {
      case NUMERIC -> {
        BigDecimal d = (BigDecimal) value;
        yield d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      }
      case FLOAT8 -> ((Double) value) == 0.0 ? (Object) 0.0 : value;
      case FLOAT4 -> ((Float) value) == 0.0f ? (Object) 0.0f : value;
      case BPCHAR -> stripTrailingSpaces((String) value);
      case INTERVAL -> ((Interval) value).hashKey();
      case BYTEA -> ByteBuffer.wrap((byte[]) value);
      // Integers of every width hash alike, as they compare alike (an int4 key may meet an int8 key).
      case INT2, INT4, INT8, OID -> ((Number) value).longValue();
      default -> value;
    };
  }

  /** Code-point order, which is the order of the UTF-8 encodings (unlike String.compareTo's UTF-16 order). */
  public static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF: they must sort after U+E000..U+FFFF.
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx != sy && (x >= 0xe000 || y >= 0xe000)) return sx ? 1 : -1;
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** PostgreSQL's float comparison: NaN = NaN and NaN above all, -0 = 0. */
  public static int compareDouble(double a, double b) {
    if (Double.isNaN(a)) return Double.isNaN(b) ? 0 : 1;
    if (Double.isNaN(b)) return -1;
    return a < b ? -1 : (a > b ? 1 : 0);
  }

  public static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') end--;
    return end == s.length() ? s : s.substring(0, end);
  }

  @SuppressWarnings("unchecked")
  private static int compareNatural(Object a, Object b) {
    if (a instanceof Boolean x) return Boolean.compare(x, (Boolean) b);
    if (a instanceof LocalDate x) return x.compareTo((LocalDate) b);
    if (a instanceof LocalDateTime x) return x.compareTo((LocalDateTime) b);
    if (a instanceof Instant x) return x.compareTo((Instant) b);
    return ((Comparable<Object>) a).compareTo(b);
  }
}
