package org.minidb.common.encoding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.PgType;

/**
 * The order-preserving key encoding of B-tree indexes: a tuple of SQL values becomes bytes whose unsigned
 * lexicographic order ({@link Arrays#compareUnsigned(byte[], byte[])}) is PostgreSQL's order of the tuples
 * under the btree default opclasses, exactly as {@link org.minidb.common.types.ValueComparator} orders each
 * column, with per-column DESC and NULLS FIRST/LAST. Equal values (1.0 and 1.00, -0 and 0, 'ab ' and 'ab'
 * as bpchar) encode to equal bytes.
 *
 * <p>Each column is a marker byte, then (for non-null values) the value's bytes, inverted for DESC:
 * <pre>
 * marker     0x00 NULL (NULLS FIRST) | 0x01 value | 0x02 NULL (NULLS LAST)
 * integers   (int2, int4, int8, oid) 8 bytes, big-endian, sign bit flipped: every width encodes alike, so
 *            an int4 key and an int8 search value compare directly
 * float4/8   8 bytes of the double's bits (-0 as 0, NaN canonical and above +Infinity): sign bit flipped
 *            for positives, all bits flipped for negatives
 * bool       one byte 0/1
 * date       days since 1970-01-01 as an integer; timestamp, timestamptz: microseconds since 1970-01-01 UTC
 *            as an integer (sub-microsecond nanos are dropped, as RowCodec stores them)
 * numeric    0x01 negative | 0x02 zero | 0x03 positive; then for non-zero values the decimal exponent E
 *            (4 bytes, sign flipped) of 0.d1d2... x 10^E (trailing zeros stripped) and the digits in pairs,
 *            one byte (pair + 1) each, ended by 0x00; all of it after the sign byte inverted when negative
 * text       (text, varchar, name, bpchar without trailing spaces) each UTF-16 char c as a UTF-8-like 1..3
 *            byte sequence of m(c), where m moves the surrogates above U+E000..U+FFFF (so the result is code
 *            point order, as ValueComparator.compareCodePoints, even for unpaired surrogates)
 * bytea      the bytes
 * </pre>
 * Variable-length encodings (text, bytea) escape 0x00 as 0x00 0xFF and end with 0x00 0x01, so that every
 * column's encoding is prefix-free: inverting it reverses its order (DESC), the encoding of the first k
 * columns is a byte prefix of the whole key (a search on a leading subset of the columns is a prefix search),
 * and a shorter value sorts before its extensions. Stateless once built; thread-safe.
 */
public final class KeyCodec {
  /** One key column: its type, ASC/DESC and where its NULLs sort. */
  public record Column(PgType type, boolean descending, boolean nullsFirst) {
    /** PostgreSQL's default for {@code col ASC}: NULLS LAST. */
    public static Column asc(PgType type) { return new Column(type, false, false); }

    /** PostgreSQL's default for {@code col DESC}: NULLS FIRST. */
    public static Column desc(PgType type) { return new Column(type, true, true); }
  }

  static final int NULL_FIRST = 0x00;
  static final int VALUE = 0x01;
  static final int NULL_LAST = 0x02;

  private final Column[] columns;

  public KeyCodec(List<Column> columns) { this.columns = columns.toArray(Column[]::new); }

  public int columnCount() { return columns.length; }

  public List<Column> columns() { return List.of(columns); }

  /** The key of a whole tuple: {@code values} has one value (or null) per column. */
  public byte[] encode(Object[] values) {
    if (values.length != columns.length) {
      throw new IllegalArgumentException("key has " + columns.length + " columns, got " + values.length + " values");
    }
    return encodePrefix(values, columns.length);
  }

  /**
   * The key of the first {@code n} columns: a byte prefix of the key of every tuple whose first {@code n}
   * values are equal to these.
   */
  public byte[] encodePrefix(Object[] values, int n) {
    Output out = new Output();
    for (int i = 0; i < n; i++) {
      Column c = columns[i];
      Object v = values[i];
      if (v == null) {
        out.put(c.nullsFirst() ? NULL_FIRST : NULL_LAST);
        continue;
      }
      out.put(VALUE);
      int start = out.size;
      writeValue(c.type(), v, out);
      if (c.descending()) out.invertFrom(start);
    }
    return out.toArray();
  }

  private static void writeValue(PgType type, Object v, Output out) {
    switch (type) {
      case INT2, INT4, INT8, OID -> out.putLong(((Number) v).longValue() ^ Long.MIN_VALUE);
      case FLOAT4, FLOAT8 -> out.putLong(orderedDouble(((Number) v).doubleValue()));
      case BOOL -> out.put((Boolean) v ? 1 : 0);
      case DATE -> out.putLong(((LocalDate) v).toEpochDay() ^ Long.MIN_VALUE);
      case TIMESTAMP -> out.putLong(RowCodec.epochMicros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)) ^ Long.MIN_VALUE);
      case TIMESTAMPTZ -> out.putLong(RowCodec.epochMicros((Instant) v) ^ Long.MIN_VALUE);
      case INTERVAL -> {
        // PostgreSQL compares intervals by their span with 30-day months: whole days, then the rest of a day.
        org.minidb.common.types.Interval.Span span = ((org.minidb.common.types.Interval) v).span();
        out.putLong(span.days() ^ Long.MIN_VALUE);
        out.putLong(span.micros() ^ Long.MIN_VALUE);
      }
      case NUMERIC -> writeNumeric((BigDecimal) v, out);
      case BYTEA -> {
        for (byte b : (byte[]) v) out.putEscaped(b & 0xff);
        out.putTerminator();
      }
      case BPCHAR -> writeText(stripTrailingSpaces((String) v), out);
      case TEXT, VARCHAR, NAME, UNKNOWN -> writeText((String) v, out);
    }
  }

  /** The bits of a double in an order where unsigned comparison is PostgreSQL's float order. */
  static long orderedDouble(double d) {
    if (d == 0.0) d = 0.0; // -0 = 0
    long bits = Double.doubleToLongBits(d); // canonical NaN, whose bits exceed +Infinity's
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  private static void writeText(String s, Output out) {
    for (int i = 0, n = s.length(); i < n; i++) {
      int c = s.charAt(i);
      if (c < 0x80) {
        out.putEscaped(c);
        continue;
      }
      // Surrogates move above U+E000..U+FFFF, the rest keeps its order: m is monotone in code point order.
      int m = c < 0xd800 ? c : c >= 0xe000 ? c - 0x800 : c + 0x2000;
      if (m < 0x800) {
        out.put(0xc0 | (m >>> 6));
        out.put(0x80 | (m & 0x3f));
      } else {
        out.put(0xe0 | (m >>> 12));
        out.put(0x80 | ((m >>> 6) & 0x3f));
        out.put(0x80 | (m & 0x3f));
      }
    }
    out.putTerminator();
  }

  private static void writeNumeric(BigDecimal d, Output out) {
    int signum = d.signum();
    if (signum == 0) {
      out.put(0x02);
      return;
    }
    out.put(signum < 0 ? 0x01 : 0x03);
    int start = out.size;
    BigDecimal abs = d.abs().stripTrailingZeros();
    BigInteger unscaled = abs.unscaledValue();
    String digits = unscaled.toString();
    long exponent = (long) digits.length() - abs.scale();
    if (exponent != (int) exponent) {
      throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
    int e = (int) exponent ^ Integer.MIN_VALUE;
    out.put(e >>> 24);
    out.put(e >>> 16);
    out.put(e >>> 8);
    out.put(e);
    for (int i = 0; i < digits.length(); i += 2) {
      int hi = digits.charAt(i) - '0';
      int lo = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
      out.put(hi * 10 + lo + 1);
    }
    out.put(0x00);
    if (signum < 0) out.invertFrom(start);
  }

  private static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') end--;
    return s.substring(0, end);
  }

  /** A growable byte buffer. */
  private static final class Output {
    byte[] buf = new byte[32];
    int size;

    void put(int b) {
      if (size == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
      buf[size++] = (byte) b;
    }

    void putLong(long v) {
      for (int shift = 56; shift >= 0; shift -= 8) put((int) (v >>> shift));
    }

    /** A byte of a variable-length value: 0x00 becomes 0x00 0xFF. */
    void putEscaped(int b) {
      put(b);
      if (b == 0) put(0xff);
    }

    /** The end of a variable-length value, below every escaped byte that can follow the same prefix. */
    void putTerminator() {
      put(0x00);
      put(0x01);
    }

    void invertFrom(int start) {
      for (int i = start; i < size; i++) buf[i] = (byte) ~buf[i];
    }

    byte[] toArray() { return Arrays.copyOf(buf, size); }
  }
}
