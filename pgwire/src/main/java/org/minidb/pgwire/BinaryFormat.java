package org.minidb.pgwire;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.Interval;
import org.minidb.common.types.PgType;

/**
 * PostgreSQL's binary wire format (the typsend / typreceive functions) for every {@link PgType}, over the Java
 * value classes {@link PgType} documents. Integers and floats are big-endian; date is int32 days and timestamp
 * and timestamptz are int64 microseconds since 2000-01-01 (UTC for timestamptz: integer_datetimes is on);
 * interval is int64 microseconds, int32 days, int32 months; strings are UTF-8; numeric is {@link NumericBinary}.
 */
final class BinaryFormat {
  private BinaryFormat() {}

  static final LocalDate POSTGRES_EPOCH_DATE = LocalDate.of(2000, 1, 1);
  static final LocalDateTime POSTGRES_EPOCH = POSTGRES_EPOCH_DATE.atStartOfDay();
  static final Instant POSTGRES_EPOCH_INSTANT = POSTGRES_EPOCH.toInstant(ZoneOffset.UTC);

  /** Appends the binary form of {@code value} (not null) without its length word. */
  static void encode(PgType type, Object value, ByteBuf out) {
    switch (type) {
      case BOOL -> out.writeByte((Boolean) value ? 1 : 0);
      case INT2 -> out.writeShort(((Number) value).shortValue());
      case INT4 -> out.writeInt(((Number) value).intValue());
      case INT8 -> out.writeLong(((Number) value).longValue());
      case OID -> out.writeInt((int) ((Number) value).longValue());
      case FLOAT4 -> out.writeFloat(((Number) value).floatValue());
      case FLOAT8 -> out.writeDouble(((Number) value).doubleValue());
      case NUMERIC -> NumericBinary.encode(toBigDecimal(value), out);
      case BYTEA -> out.writeBytes((byte[]) value);
      case DATE -> out.writeInt((int) ChronoUnit.DAYS.between(POSTGRES_EPOCH_DATE, (LocalDate) value));
      case TIMESTAMP -> out.writeLong(micros(Duration.between(POSTGRES_EPOCH, (LocalDateTime) value)));
      case TIMESTAMPTZ -> out.writeLong(micros(Duration.between(POSTGRES_EPOCH_INSTANT, (Instant) value)));
      case INTERVAL -> {
        Interval iv = (Interval) value;
        out.writeLong(iv.micros());
        out.writeInt(iv.days());
        out.writeInt(iv.months());
      }
      case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN -> out.writeCharSequence(value.toString(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Decodes a binary parameter value; the whole of {@code bytes} must be consumed. A bytea is {@code bytes} itself
   * (the caller's own copy out of the message): a 100 MB value is not copied once more.
   */
  static Object decode(PgType type, byte[] bytes) {
    if (type == PgType.BYTEA) return bytes;
    MessageReader in = new MessageReader(bytes);
    try {
      Object value = switch (type) {
        case BOOL -> in.readByte() != 0;
        case INT2 -> in.readInt16();
        case INT4 -> in.readInt32();
        case INT8 -> readInt64(in);
        case OID -> Integer.toUnsignedLong(in.readInt32());
        case FLOAT4 -> Float.intBitsToFloat(in.readInt32());
        case FLOAT8 -> Double.longBitsToDouble(readInt64(in));
        case NUMERIC -> NumericBinary.decode(in);
        case BYTEA -> in.readBytes(in.remaining());
        case DATE -> POSTGRES_EPOCH_DATE.plusDays(in.readInt32());
        case TIMESTAMP -> POSTGRES_EPOCH.plus(readInt64(in), ChronoUnit.MICROS);
        case TIMESTAMPTZ -> POSTGRES_EPOCH_INSTANT.plus(readInt64(in), ChronoUnit.MICROS);
        case INTERVAL -> {
          long micros = readInt64(in);
          int days = in.readInt32();
          yield new Interval(in.readInt32(), days, micros);
        }
        case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN -> new String(in.readBytes(in.remaining()), StandardCharsets.UTF_8);
      };
      in.expectEnd();
      return value;
    } catch (DbException e) {
      if (e.sqlState().equals(SqlState.PROTOCOL_VIOLATION)) {
        // A value of the wrong length is bad data, not a broken connection.
        throw DbException.of(SqlState.INVALID_BINARY_REPRESENTATION, e.getMessage(), e);
      }
      throw e;
    }
  }

  private static long readInt64(MessageReader in) {
    return ((long) in.readInt32() << 32) | (in.readInt32() & 0xffffffffL);
  }

  private static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
  }

  private static BigDecimal toBigDecimal(Object value) {
    return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
  }
}
