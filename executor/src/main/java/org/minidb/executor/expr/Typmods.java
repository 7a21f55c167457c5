package org.minidb.executor.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

/**
 * Coercion of a value to a type modifier (PostgreSQL's length-coercion functions varchar(), bpchar(),
 * numeric(), timestamp()): used by casts and by INSERT/UPDATE, which store values as an assignment does.
 */
public final class Typmods {
  private Typmods() {}

  /** A coercion of non-null values; null when {@code type} has no typmod to enforce. */
  public static java.util.function.UnaryOperator<Object> coercion(DataType type, boolean explicit) {
    return switch (type.type()) {
      case VARCHAR -> type.length() >= 0 ? v -> varchar((String) v, type.length(), explicit) : null;
      case BPCHAR -> type.length() >= 0 ? v -> bpchar((String) v, type.length(), explicit) : null;
      case NUMERIC -> type.precision() >= 0 ? v -> numeric((BigDecimal) v, type.precision(), type.scale()) : null;
      case TIMESTAMP -> type.typmod() >= 0 && type.typmod() < 6
          ? v -> roundTimestamp((LocalDateTime) v, type.typmod()) : null;
      case TIMESTAMPTZ -> type.typmod() >= 0 && type.typmod() < 6
          ? v -> roundTimestamptz((Instant) v, type.typmod()) : null;
      default -> null;
    };
  }

  /** The value as stored in a column of {@code type} by INSERT/UPDATE (assignment rules); null stays null. */
  public static Object assign(DataType type, Object value) {
    if (value == null) return null;
    var c = coercion(type, false);
    return c == null ? value : c.apply(value);
  }

  /**
   * varchar(n): longer values are truncated by an explicit cast; an assignment raises 22001 unless only
   * spaces are cut off. Lengths are in characters (code points).
   */
  public static String varchar(String s, int n, boolean explicit) {
    int len = s.codePointCount(0, s.length());
    if (len <= n) return s;
    return cut(s, n, explicit, "character varying(" + n + ")");
  }

  /** char(n): as varchar(n), then blank-padded to n characters. */
  public static String bpchar(String s, int n, boolean explicit) {
    int len = s.codePointCount(0, s.length());
    if (len > n) return cut(s, n, explicit, "character(" + n + ")");
    if (len == n) return s;
    return s + " ".repeat(n - len);
  }

  private static String cut(String s, int n, boolean explicit, String typeName) {
    int end = s.offsetByCodePoints(0, n);
    if (!explicit) {
      for (int i = end; i < s.length(); i++) {
        if (s.charAt(i) != ' ') {
          throw DbException.of(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type " + typeName);
        }
      }
    }
    return s.substring(0, end);
  }

  /** numeric(p, s): rounds half away from zero to s digits, 22003 when more than p - s integer digits remain. */
  public static BigDecimal numeric(BigDecimal d, int precision, int scale) {
    BigDecimal r = d.setScale(scale, RoundingMode.HALF_UP);
    int integerDigits = r.signum() == 0 ? 0 : r.precision() - r.scale();
    if (integerDigits > precision - scale) {
      throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow").withDetail(
          "A field with precision " + precision + ", scale " + scale + " must round to an absolute value less than "
              + (precision == scale ? "1" : "10^" + (precision - scale)) + ".");
    }
    return r;
  }

  /** timestamp(p): rounds the microseconds to p fractional digits, half away from zero. */
  public static LocalDateTime roundTimestamp(LocalDateTime t, int precision) {
    long unit = (long) Math.pow(10, 9 - precision);
    long nanos = t.getNano();
    long rounded = (nanos + unit / 2) / unit * unit;
    return t.withNano(0).plusNanos(rounded);
  }

  public static Instant roundTimestamptz(Instant t, int precision) {
    long unit = (long) Math.pow(10, 9 - precision);
    long nanos = t.getNano();
    long rounded = (nanos + unit / 2) / unit * unit;
    return Instant.ofEpochSecond(t.getEpochSecond()).plusNanos(rounded);
  }

  static boolean isStringType(PgType t) { return t.isString(); }
}
