package org.minidb.common.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.Interval;
import org.minidb.common.types.PgType;

/**
 * The on-page encoding of a row's values (the data part of a heap tuple; the MVCC header is storage's).
 *
 * <pre>
 * u16 column count | null bitmap, ceil(n/8) bytes, bit i set = column i is NULL | values of non-null columns
 * </pre>
 *
 * Fixed-width values are big-endian: bool 1 byte; int2 2; int4 and date (days since 1970-01-01) 4; int8, oid,
 * float8, timestamp and timestamptz (microseconds since 1970-01-01 00:00 UTC) 8; float4 4. Variable-width
 * values (text and its kin, bytea, numeric) start with a length: one byte {@code 0xxxxxxx} below 128, else
 * four bytes {@code 1xxxxxxx ...} (big-endian, top bit set). numeric is its scale (i16) followed by the
 * unscaled value's two's-complement bytes.
 *
 * <p>A variable-width value stored out of line (TOAST) is a {@link ToastPointer}: the four-byte form with the top
 * two bits set, {@code 11xxxxxx ...}, then the pointer's body. Lengths of inline values stay below 2^30 (1 GB,
 * PostgreSQL's limit too), so the second bit never appears in an inline length and rows written before TOAST
 * read the same. Decoding gives the pointer itself; storage fetches the value ({@code storage/toast}).
 *
 * <p>The column count makes rows written before an ALTER TABLE ADD COLUMN readable: missing trailing columns
 * decode as NULL. Stateless and thread-safe.
 */
public final class RowCodec {
  private RowCodec() {}

  public static byte[] encode(List<DataType> types, Object[] values) {
    int n = types.size();
    int bitmapBytes = (n + 7) >>> 3;
    int size = 2 + bitmapBytes;
    for (int i = 0; i < n; i++) {
      if (values[i] != null) size += encodedSize(types.get(i).type(), values[i]);
    }
    byte[] out = new byte[size];
    out[0] = (byte) (n >>> 8);
    out[1] = (byte) n;
    int pos = 2 + bitmapBytes;
    for (int i = 0; i < n; i++) {
      Object v = values[i];
      if (v == null) {
        out[2 + (i >>> 3)] |= (byte) (1 << (i & 7));
      } else {
        pos = write(types.get(i).type(), v, out, pos);
      }
    }
    return out;
  }

  /** Decodes all columns into a new array of {@code types.size()} values. */
  public static Object[] decode(List<DataType> types, byte[] data) {
    Object[] row = new Object[types.size()];
    decodeInto(types, data, row, 0);
    return row;
  }

  /**
   * Decodes into {@code target} starting at {@code offset}: lets a scan reuse one row array, and leave room
   * after the columns (e.g. for the tuple id).
   */
  public static void decodeInto(List<DataType> types, byte[] data, Object[] target, int offset) {
    PgType[] t = new PgType[types.size()];
    for (int i = 0; i < t.length; i++) t[i] = types.get(i).type();
    decodeInto(t, null, data, target, offset);
  }

  /**
   * The scan's form of {@link #decodeInto(List, byte[], Object[], int)}: the column types resolved once per
   * scan, and optionally only some columns decoded. A column whose {@code wanted} entry is false is skipped
   * (its value is left null in {@code target}), which saves building strings, numerics and byte arrays that
   * nobody reads.
   *
   * @param wanted null to decode every column, else one flag per column of {@code types}
   */
  public static void decodeInto(PgType[] types, boolean[] wanted, byte[] data, Object[] target, int offset) {
    int stored = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    int n = types.length;
    int pos = 2 + ((stored + 7) >>> 3);
    for (int i = 0; i < n; i++) {
      if (i >= stored || (data[2 + (i >>> 3)] & (1 << (i & 7))) != 0) {
        target[offset + i] = null;
        continue;
      }
      PgType type = types[i];
      if (wanted == null || wanted[i]) {
        target[offset + i] = value(type, data, pos);
      } else {
        target[offset + i] = null;
      }
      pos = skip(type, data, pos);
    }
  }

  /** The values of a row stored out of line, found without decoding the others (deleting a row's chunks). */
  public static List<ToastPointer> externalValues(PgType[] types, byte[] data) {
    int stored = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    int n = Math.min(types.length, stored);
    int pos = 2 + ((stored + 7) >>> 3);
    List<ToastPointer> out = List.of();
    for (int i = 0; i < n; i++) {
      if ((data[2 + (i >>> 3)] & (1 << (i & 7))) != 0) continue;
      if (isVarlena(types[i]) && (data[pos] & EXTERNAL) == EXTERNAL) {
        if (out.isEmpty()) out = new java.util.ArrayList<>();
        out.add(ToastPointer.read(data, pos + 4));
      }
      pos = skip(types[i], data, pos);
    }
    return out;
  }

  /** The position just after the value of {@code type} that starts at {@code pos}. */
  private static int skip(PgType type, byte[] in, int pos) {
    return switch (type) {
      case BOOL -> pos + 1;
      case INT2 -> pos + 2;
      case INT4, FLOAT4, DATE -> pos + 4;
      case INT8, OID, FLOAT8, TIMESTAMP, TIMESTAMPTZ -> pos + 8;
      case INTERVAL -> pos + 16;
      default -> (in[pos] & 0x80) == 0 ? pos + 1 + in[pos] : pos + 4 + (getInt(in, pos) & LENGTH_MASK);
    };
  }

  /** The value of {@code type} that starts at {@code pos}. */
  private static Object value(PgType type, byte[] in, int pos) {
    return switch (type) {
      case BOOL -> in[pos] != 0;
      case INT2 -> (short) getShort(in, pos);
      case INT4 -> getInt(in, pos);
      case FLOAT4 -> Float.intBitsToFloat(getInt(in, pos));
      case DATE -> LocalDate.ofEpochDay(getInt(in, pos));
      case INT8, OID -> getLong(in, pos);
      case FLOAT8 -> Double.longBitsToDouble(getLong(in, pos));
      case TIMESTAMP -> LocalDateTime.ofInstant(fromEpochMicros(getLong(in, pos)), ZoneOffset.UTC);
      case TIMESTAMPTZ -> fromEpochMicros(getLong(in, pos));
      case INTERVAL -> new Interval(getInt(in, pos + 12), getInt(in, pos + 8), getLong(in, pos));
      default -> {
        int len;
        int start;
        if ((in[pos] & 0x80) == 0) {
          len = in[pos];
          start = pos + 1;
        } else if ((in[pos] & EXTERNAL) == EXTERNAL) {
          yield ToastPointer.read(in, pos + 4);
        } else {
          len = getInt(in, pos) & LENGTH_MASK;
          start = pos + 4;
        }
        yield switch (type) {
          case NUMERIC -> new BigDecimal(
              new BigInteger(java.util.Arrays.copyOfRange(in, start + 2, start + len)), (short) getShort(in, start));
          case BYTEA -> java.util.Arrays.copyOfRange(in, start, start + len);
          default -> new String(in, start, len, StandardCharsets.UTF_8);
        };
      }
    };
  }

  /** Bytes the non-null value {@code v} of {@code type} takes in a row (a ToastPointer's for one). */
  public static int valueSize(PgType type, Object v) { return encodedSize(type, v); }

  /** Whether values of {@code type} are variable-width (a length, then bytes): the kind TOAST can move. */
  public static boolean isVarlena(PgType type) {
    return switch (type) {
      case BOOL, INT2, INT4, FLOAT4, DATE, INT8, OID, FLOAT8, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> false;
      default -> true;
    };
  }

  /**
   * The bytes a variable-width value is stored as after its length (UTF-8 text, the bytea's own array — not a
   * copy —, numeric's scale and unscaled bytes): what TOAST stores out of line.
   */
  public static byte[] payload(PgType type, Object v) {
    return switch (type) {
      case BYTEA -> (byte[]) v;
      case NUMERIC -> {
        BigDecimal d = (BigDecimal) v;
        byte[] unscaled = d.unscaledValue().toByteArray();
        byte[] out = new byte[2 + unscaled.length];
        putShort(out, 0, (short) d.scale());
        System.arraycopy(unscaled, 0, out, 2, unscaled.length);
        yield out;
      }
      default -> ((String) v).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The value whose {@link #payload} is {@code p} (a bytea is {@code p} itself, not a copy). */
  public static Object fromPayload(PgType type, byte[] p) {
    return switch (type) {
      case BYTEA -> p;
      case NUMERIC -> new BigDecimal(new BigInteger(java.util.Arrays.copyOfRange(p, 2, p.length)), (short) getShort(p, 0));
      default -> new String(p, StandardCharsets.UTF_8);
    };
  }

  private static int encodedSize(PgType type, Object v) {
    if (v instanceof ToastPointer) return 4 + ToastPointer.BODY_SIZE;
    return switch (type) {
      case BOOL -> 1;
      case INT2 -> 2;
      case INT4, FLOAT4, DATE -> 4;
      case INT8, OID, FLOAT8, TIMESTAMP, TIMESTAMPTZ -> 8;
      case INTERVAL -> 16;
      case NUMERIC -> {
        BigDecimal d = (BigDecimal) v;
        int len = 2 + d.unscaledValue().toByteArray().length;
        yield lengthSize(len) + len;
      }
      case BYTEA -> lengthSize(((byte[]) v).length) + ((byte[]) v).length;
      default -> {
        int len = utf8Length((String) v);
        yield lengthSize(len) + len;
      }
    };
  }

  private static int write(PgType type, Object v, byte[] out, int pos) {
    if (v instanceof ToastPointer p) {
      putInt(out, pos, (EXTERNAL << 24) | ToastPointer.BODY_SIZE);
      p.write(out, pos + 4);
      return pos + 4 + ToastPointer.BODY_SIZE;
    }
    switch (type) {
      case BOOL -> out[pos++] = (byte) (((Boolean) v) ? 1 : 0);
      case INT2 -> pos = putShort(out, pos, (Short) v);
      case INT4 -> pos = putInt(out, pos, (Integer) v);
      case FLOAT4 -> pos = putInt(out, pos, Float.floatToRawIntBits((Float) v));
      case DATE -> pos = putInt(out, pos, Math.toIntExact(((LocalDate) v).toEpochDay()));
      case INT8, OID -> pos = putLong(out, pos, (Long) v);
      case FLOAT8 -> pos = putLong(out, pos, Double.doubleToRawLongBits((Double) v));
      case TIMESTAMP -> pos = putLong(out, pos, epochMicros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
      case TIMESTAMPTZ -> pos = putLong(out, pos, epochMicros((Instant) v));
      case INTERVAL -> {
        // PostgreSQL's layout: time, then day, then month.
        Interval iv = (Interval) v;
        pos = putLong(out, pos, iv.micros());
        pos = putInt(out, pos, iv.days());
        pos = putInt(out, pos, iv.months());
      }
      case NUMERIC -> {
        BigDecimal d = (BigDecimal) v;
        byte[] unscaled = d.unscaledValue().toByteArray();
        pos = putLength(out, pos, 2 + unscaled.length);
        pos = putShort(out, pos, (short) d.scale());
        System.arraycopy(unscaled, 0, out, pos, unscaled.length);
        pos += unscaled.length;
      }
      case BYTEA -> {
        byte[] b = (byte[]) v;
        pos = putLength(out, pos, b.length);
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
      }
      default -> {
        byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
        pos = putLength(out, pos, b.length);
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
      }
    }
    return pos;
  }

  public static long epochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  public static Instant fromEpochMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** The top two bits of a four-byte length header: the value is a {@link ToastPointer}. */
  private static final int EXTERNAL = 0xC0;
  /** The length bits of a four-byte header (values stay below 1 GB). */
  private static final int LENGTH_MASK = 0x3fffffff;

  private static int lengthSize(int len) { return len < 128 ? 1 : 4; }

  private static int putLength(byte[] out, int pos, int len) {
    if (len < 128) {
      out[pos] = (byte) len;
      return pos + 1;
    }
    if (len < 0 || len > LENGTH_MASK) {
      throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "invalid memory alloc request size " + len);
    }
    return putInt(out, pos, len | 0x80000000);
  }

  private static int utf8Length(String s) {
    int len = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) len += 1;
      else if (c < 0x800) len += 2;
      else if (Character.isHighSurrogate(c)) { len += 4; i++; }
      else len += 3;
    }
    return len;
  }

  private static int putShort(byte[] b, int p, short v) {
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
    return p + 2;
  }

  private static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
    return p + 4;
  }

  private static int putLong(byte[] b, int p, long v) {
    putInt(b, p, (int) (v >>> 32));
    return putInt(b, p + 4, (int) v);
  }

  private static int getShort(byte[] b, int p) { return ((short) SHORT_BE.get(b, p)) & 0xffff; }

  private static int getInt(byte[] b, int p) { return (int) INT_BE.get(b, p); }

  private static long getLong(byte[] b, int p) { return (long) LONG_BE.get(b, p); }

  // Big-endian views of byte arrays: one bounds-checked load per value instead of a byte at a time.
  private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
}
