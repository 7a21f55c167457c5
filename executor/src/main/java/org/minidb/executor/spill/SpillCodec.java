package org.minidb.executor.spill;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The row format of temporary files. Unlike the heap's {@code RowCodec} it is self-describing (one tag byte
 * per value, by the value's Java class): an operator spills rows without knowing their column types, and a
 * value whose Java class differs from its column's declared type (an expression's result) still round-trips
 * to an equal value of the same class. Values of classes outside the PostgreSQL type mapping go through Java
 * serialization if they allow it. The format lives only as long as one statement, so it has no version.
 *
 * <pre>row: u16 column count, then per column: u8 tag, then the value (big-endian, strings UTF-8 with a u32 length)</pre>
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

  private SpillCodec() {}

  static void write(DataOutputStream out, Object[] row) throws IOException {
    out.writeShort(row.length);
    for (Object v : row) writeValue(out, v);
  }

  static Object[] read(DataInputStream in) throws IOException {
    Object[] row = new Object[in.readUnsignedShort()];
    for (int i = 0; i < row.length; i++) row[i] = readValue(in);
    return row;
  }

  private static void writeValue(DataOutputStream out, Object v) throws IOException {
    switch (v) {
      case null -> out.writeByte(NULL);
      case Boolean b -> {
        out.writeByte(BOOL);
        out.writeBoolean(b);
      }
      case Short s -> {
        out.writeByte(SHORT);
        out.writeShort(s);
      }
      case Integer i -> {
        out.writeByte(INT);
        out.writeInt(i);
      }
      case Long l -> {
        out.writeByte(LONG);
        out.writeLong(l);
      }
      case Float f -> {
        out.writeByte(FLOAT);
        out.writeInt(Float.floatToRawIntBits(f));
      }
      case Double d -> {
        out.writeByte(DOUBLE);
        out.writeLong(Double.doubleToRawLongBits(d));
      }
      case String s -> {
        out.writeByte(STRING);
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
      }
      case BigDecimal d -> {
        out.writeByte(NUMERIC);
        out.writeInt(d.scale());
        writeBytes(out, d.unscaledValue().toByteArray());
      }
      case byte[] b -> {
        out.writeByte(BYTES);
        writeBytes(out, b);
      }
      case LocalDate d -> {
        out.writeByte(DATE);
        out.writeLong(d.toEpochDay());
      }
      case LocalDateTime t -> {
        out.writeByte(TIMESTAMP);
        out.writeLong(t.toLocalDate().toEpochDay());
        out.writeLong(t.toLocalTime().toNanoOfDay());
      }
      case Instant t -> {
        out.writeByte(INSTANT);
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
      }
      case LocalTime t -> {
        out.writeByte(TIME);
        out.writeLong(t.toNanoOfDay());
      }
      case Serializable s -> {
        out.writeByte(SERIALIZED);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(buf)) {
          o.writeObject(s);
        }
        writeBytes(out, buf.toByteArray());
      }
      default -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "cannot write a value of " + v.getClass().getName() + " to a temporary file");
    }
  }

  private static Object readValue(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case NULL -> null;
      case BOOL -> in.readBoolean();
      case SHORT -> in.readShort();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case FLOAT -> Float.intBitsToFloat(in.readInt());
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
      case NUMERIC -> {
        int scale = in.readInt();
        yield new BigDecimal(new BigInteger(readBytes(in)), scale);
      }
      case BYTES -> readBytes(in);
      case DATE -> LocalDate.ofEpochDay(in.readLong());
      case TIMESTAMP -> LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
      case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
      case TIME -> LocalTime.ofNanoOfDay(in.readLong());
      case SERIALIZED -> {
        try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(readBytes(in)))) {
          yield o.readObject();
        } catch (ClassNotFoundException e) {
          throw new IOException("temporary file holds a value of an unknown class", e);
        }
      }
      default -> throw new IOException("corrupt temporary file: value tag " + tag);
    };
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
