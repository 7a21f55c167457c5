package org.minidb.executor.spill;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The row format of temporary files. Unlike the heap's {@code RowCodec} it is self-describing (one tag byte
 * per value, by the value's Java class): an operator spills rows without knowing their column types, and a
 * value whose Java class differs from its column's declared type (an expression's result) still round-trips
 * to an equal value of the same class. Values of classes outside the PostgreSQL type mapping go through Java
 * serialization if they allow it. The format lives only as long as one statement, so it has no version.
 *
 * <pre>row: u32 byte length of the rest, u16 column count, then per column: u8 tag and the value
 * (big-endian; strings UTF-8, numerics and byte arrays with a u32 length)</pre>
 *
 * A row is built in one array and moved to or from the stream in one call, not one call per value.
 * One instance per file: it keeps that array between rows.
 */
final class SpillCodec {
  private static final int NULL = 0;
  private static final int BOOL = 1;
  private static final int SHORT = 2;
  private static final int INT = 3;
  private static final int LONG = 4;
  private static final int FLOAT = 5;
  private static final int DOUBLE = 6;
  private static final int STRING = 7;
  private static final int NUMERIC = 8;
  private static final int BYTES = 9;
  private static final int DATE = 10;
  private static final int TIMESTAMP = 11;
  private static final int INSTANT = 12;
  private static final int TIME = 13;
  private static final int SERIALIZED = 127;

  private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buf = new byte[256];
  private int pos;

  void write(OutputStream out, Object[] row) throws IOException {
    pos = 4;
    ensure(2);
    SHORT_BE.set(buf, pos, (short) row.length);
    pos += 2;
    for (Object v : row) writeValue(v);
    INT_BE.set(buf, 0, pos - 4);
    out.write(buf, 0, pos);
  }

  Object[] read(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (buf.length < length) buf = new byte[Math.max(length, buf.length * 2)];
    in.readFully(buf, 0, length);
    pos = 0;
    Object[] row = new Object[(short) SHORT_BE.get(buf, 0) & 0xffff];
    pos = 2;
    for (int i = 0; i < row.length; i++) row[i] = readValue();
    return row;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) buf = Arrays.copyOf(buf, Math.max(pos + n, buf.length * 2));
  }

  private void tag(int tag, int size) {
    ensure(1 + size);
    buf[pos++] = (byte) tag;
  }

  private void putInt(int v) {
    INT_BE.set(buf, pos, v);
    pos += 4;
  }

  private void putLong(long v) {
    LONG_BE.set(buf, pos, v);
    pos += 8;
  }

  private void putBytes(int tag, byte[] b) {
    tag(tag, 4 + b.length);
    putInt(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  private void writeValue(Object v) throws IOException {
    switch (v) {
      case null -> tag(NULL, 0);
      case Boolean b -> {
        tag(BOOL, 1);
        buf[pos++] = (byte) (b ? 1 : 0);
      }
      case Short s -> {
        tag(SHORT, 2);
        SHORT_BE.set(buf, pos, (short) s);
        pos += 2;
      }
      case Integer i -> {
        tag(INT, 4);
        putInt(i);
      }
      case Long l -> {
        tag(LONG, 8);
        putLong(l);
      }
      case Float f -> {
        tag(FLOAT, 4);
        putInt(Float.floatToRawIntBits(f));
      }
      case Double d -> {
        tag(DOUBLE, 8);
        putLong(Double.doubleToRawLongBits(d));
      }
      case String s -> putBytes(STRING, s.getBytes(StandardCharsets.UTF_8));
      case BigDecimal d -> {
        putBytes(NUMERIC, d.unscaledValue().toByteArray());
        ensure(4);
        putInt(d.scale());
      }
      case byte[] b -> putBytes(BYTES, b);
      case LocalDate d -> {
        tag(DATE, 8);
        putLong(d.toEpochDay());
      }
      case LocalDateTime t -> {
        tag(TIMESTAMP, 16);
        putLong(t.toLocalDate().toEpochDay());
        putLong(t.toLocalTime().toNanoOfDay());
      }
      case Instant t -> {
        tag(INSTANT, 12);
        putLong(t.getEpochSecond());
        putInt(t.getNano());
      }
      case LocalTime t -> {
        tag(TIME, 8);
        putLong(t.toNanoOfDay());
      }
      case Serializable s -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
          o.writeObject(s);
        }
        putBytes(SERIALIZED, bytes.toByteArray());
      }
      default -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "cannot write a value of " + v.getClass().getName() + " to a temporary file");
    }
  }

  private int getInt() {
    int v = (int) INT_BE.get(buf, pos);
    pos += 4;
    return v;
  }

  private long getLong() {
    long v = (long) LONG_BE.get(buf, pos);
    pos += 8;
    return v;
  }

  private byte[] getBytes() {
    int n = getInt();
    byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return b;
  }

  private Object readValue() throws IOException {
    int tag = buf[pos++] & 0xff;
    return switch (tag) {
      case NULL -> null;
      case BOOL -> buf[pos++] != 0;
      case SHORT -> {
        short s = (short) SHORT_BE.get(buf, pos);
        pos += 2;
        yield s;
      }
      case INT -> getInt();
      case LONG -> getLong();
      case FLOAT -> Float.intBitsToFloat(getInt());
      case DOUBLE -> Double.longBitsToDouble(getLong());
      case STRING -> {
        int n = getInt();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        yield s;
      }
      case NUMERIC -> {
        BigInteger unscaled = new BigInteger(getBytes());
        yield new BigDecimal(unscaled, getInt());
      }
      case BYTES -> getBytes();
      case DATE -> LocalDate.ofEpochDay(getLong());
      case TIMESTAMP -> LocalDateTime.of(LocalDate.ofEpochDay(getLong()), LocalTime.ofNanoOfDay(getLong()));
      case INSTANT -> Instant.ofEpochSecond(getLong(), getInt());
      case TIME -> LocalTime.ofNanoOfDay(getLong());
      case SERIALIZED -> {
        try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(getBytes()))) {
          yield o.readObject();
        } catch (ClassNotFoundException e) {
          throw new IOException("temporary file holds a value of an unknown class", e);
        }
      }
      default -> throw new IOException("corrupt temporary file: value tag " + tag);
    };
  }
}
