package org.minidb.common.encoding;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.minidb.common.types.PgType;

/**
 * Reads values back out of {@link KeyCodec} keys, for index-only scans. Only types whose key encoding keeps the
 * whole value qualify ({@link #decodable}): integers, oid, bool, date, timestamps, text-like types except bpchar,
 * and bytea. Numeric (1.0 and 1.00 share a key), bpchar (trailing spaces dropped), floats (-0 becomes 0) and
 * interval (only its span is kept) do not: an index-only scan must return exactly what the heap holds.
 */
public final class KeyDecoder {
  private KeyDecoder() {}

  public static boolean decodable(PgType type) {
    return switch (type) {
      case INT2, INT4, INT8, OID, BOOL, DATE, TIMESTAMP, TIMESTAMPTZ, TEXT, VARCHAR, NAME, BYTEA -> true;
      default -> false;
    };
  }

  /** The values of every column of {@code key}; each column's type must be {@link #decodable}. */
  public static Object[] decode(KeyCodec codec, byte[] key) {
    List<KeyCodec.Column> columns = codec.columns();
    Object[] values = new Object[columns.size()];
    Input in = new Input(key);
    for (int i = 0; i < values.length; i++) {
      KeyCodec.Column c = columns.get(i);
      int marker = in.next(false);
      if (marker != KeyCodec.VALUE) continue; // a NULL, first or last
      in.invert = c.descending();
      values[i] = value(c.type(), in);
      in.invert = false;
    }
    return values;
  }

  private static Object value(PgType type, Input in) {
    return switch (type) {
      case INT2 -> (short) in.signedLong();
      case INT4 -> (int) in.signedLong();
      case INT8, OID -> in.signedLong();
      case BOOL -> in.next() != 0;
      case DATE -> LocalDate.ofEpochDay(in.signedLong());
      case TIMESTAMP -> LocalDateTime.ofInstant(RowCodec.fromEpochMicros(in.signedLong()), ZoneOffset.UTC);
      case TIMESTAMPTZ -> RowCodec.fromEpochMicros(in.signedLong());
      case BYTEA -> in.unescaped();
      case TEXT, VARCHAR, NAME -> text(in.unescaped());
      default -> throw new IllegalArgumentException("a " + type + " key cannot be decoded");
    };
  }

  /** The inverse of KeyCodec's writeText: 1..3-byte sequences of m(c) back to UTF-16 chars. */
  private static String text(byte[] b) {
    StringBuilder s = new StringBuilder(b.length);
    for (int i = 0; i < b.length; ) {
      int x = b[i] & 0xff;
      int m;
      if (x < 0x80) {
        m = x;
        i++;
      } else if (x < 0xe0) {
        m = ((x & 0x1f) << 6) | (b[i + 1] & 0x3f);
        i += 2;
      } else {
        m = ((x & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
        i += 3;
      }
      // m moved the surrogates (U+D800..DFFF) above U+E000..U+FFFF: undo it.
      s.append((char) (m < 0xd800 ? m : m >= 0xf800 ? m - 0x2000 : m + 0x800));
    }
    return s.toString();
  }

  /** A cursor over the key's bytes; {@code invert} undoes a DESC column's inversion. */
  private static final class Input {
    final byte[] key;
    int pos;
    boolean invert;

    Input(byte[] key) { this.key = key; }

    int next() { return next(invert); }

    int next(boolean inverted) {
      int b = key[pos++] & 0xff;
      return inverted ? ~b & 0xff : b;
    }

    long signedLong() {
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | next();
      return v ^ Long.MIN_VALUE;
    }

    /** A variable-length value: 0x00 0xFF is an escaped 0x00, 0x00 0x01 ends it. */
    byte[] unescaped() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        int b = next();
        if (b != 0) {
          out.write(b);
          continue;
        }
        if (next() == 0x01) return out.toByteArray();
        out.write(0);
      }
    }
  }
}
