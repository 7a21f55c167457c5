package org.minidb.executor.expr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.UnaryOperator;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.common.types.TextFormat;
import org.minidb.common.types.ValueComparator;
import org.minidb.executor.exec.ExecContext;

/**
 * PostgreSQL's casts between the built-in types (pg_cast, plus the I/O conversions through text), then the
 * target's typmod. The conversion is chosen when the cast is built; the per-row work is only the conversion.
 */
final class Casts {
  private Casts() {}

  /** A conversion of a non-null value; may use the context (time zone, statement time). */
  @FunctionalInterface
  interface Conv {
    Object apply(Object v, ExecContext ctx);
  }

  static Expr cast(Expr arg, DataType from, DataType to, boolean explicit) {
    Conv conv = conversion(from.type(), to.type());
    UnaryOperator<Object> typmod = Typmods.coercion(to, explicit);
    if (conv == null && typmod == null) return arg;
    if (arg instanceof Literal lit && lit.value() == null) return arg;
    Conv c = conv;
    if (typmod == null) {
      return (row, ctx) -> {
        Object v = arg.eval(row, ctx);
        return v == null ? null : c.apply(v, ctx);
      };
    }
    if (c == null) {
      return (row, ctx) -> {
        Object v = arg.eval(row, ctx);
        return v == null ? null : typmod.apply(v);
      };
    }
    return (row, ctx) -> {
      Object v = arg.eval(row, ctx);
      return v == null ? null : typmod.apply(c.apply(v, ctx));
    };
  }

  /** The type conversion from one type to another, or null when the value passes unchanged. */
  static Conv conversion(PgType from, PgType to) {
    if (from == to) return null;
    if (from.isString() && to.isString()) {
      // char(n) loses its padding when it becomes text or varchar.
      return from == PgType.BPCHAR ? (v, ctx) -> ValueComparator.stripTrailingSpaces((String) v) : null;
    }
    if (to.isString()) return toText(from);
    if (from.isString()) {
      PgType target = to;
      return (v, ctx) -> TextFormat.parse(target, (String) v, ctx.timeZone(), ctx.statementTimestamp());
    }
    Conv c = switch (to) {
      case INT2 -> toInteger(from, to, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT4 -> from == PgType.BOOL ? (v, ctx) -> ((Boolean) v) ? 1 : 0
          : toInteger(from, to, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT8 -> toInteger(from, to, Long.MIN_VALUE, Long.MAX_VALUE);
      case OID -> from.isInteger() ? (v, ctx) -> ((Number) v).longValue() & 0xffffffffL : null;
      case FLOAT8 -> from.isNumeric() ? (v, ctx) -> ((Number) v).doubleValue() : null;
      case FLOAT4 -> from.isNumeric() ? Casts::toFloat4 : null;
      case NUMERIC -> toNumeric(from);
      case BOOL -> from == PgType.INT4 ? (v, ctx) -> ((Integer) v) != 0 : null;
      case DATE -> switch (from) {
        case TIMESTAMP -> (v, ctx) -> ((LocalDateTime) v).toLocalDate();
        case TIMESTAMPTZ -> (v, ctx) -> LocalDate.ofInstant((Instant) v, ctx.timeZone());
        default -> null;
      };
      case TIMESTAMP -> switch (from) {
        case DATE -> (v, ctx) -> ((LocalDate) v).atStartOfDay();
        case TIMESTAMPTZ -> (v, ctx) -> LocalDateTime.ofInstant((Instant) v, ctx.timeZone());
        default -> null;
      };
      case TIMESTAMPTZ -> switch (from) {
        case DATE -> (v, ctx) -> ((LocalDate) v).atStartOfDay(ctx.timeZone()).toInstant();
        case TIMESTAMP -> (v, ctx) -> ((LocalDateTime) v).atZone(ctx.timeZone()).toInstant();
        default -> null;
      };
      default -> null;
    };
    if (c == null) {
      throw DbException.of(SqlState.CANNOT_COERCE,
          "cannot cast type " + DataType.of(from) + " to " + DataType.of(to));
    }
    return c;
  }

  private static Conv toText(PgType from) {
    if (from == PgType.BOOL) return (v, ctx) -> ((Boolean) v) ? "true" : "false"; // booltext, not boolout
    return (v, ctx) -> TextFormat.format(from, v, ctx.timeZone());
  }

  private static Conv toInteger(PgType from, PgType to, long min, long max) {
    return switch (from) {
      case INT2, INT4, INT8, OID -> (v, ctx) -> {
        long x = ((Number) v).longValue();
        if (x < min || x > max) throw Errors.outOfRange(to);
        return Arithmetic.box(x, to);
      };
      case FLOAT4, FLOAT8 -> (v, ctx) -> {
        // rint: round half to even; NaN and out-of-range values are "out of range".
        double d = Math.rint(((Number) v).doubleValue());
        if (Double.isNaN(d) || d < min || d >= -(double) min) throw Errors.outOfRange(to);
        return Arithmetic.box((long) d, to);
      };
      case NUMERIC -> (v, ctx) -> Arithmetic.box(NumericMath.toLong((BigDecimal) v, min, max, to), to);
      default -> null;
    };
  }

  private static Object toFloat4(Object v, ExecContext ctx) {
    double d = ((Number) v).doubleValue();
    float f = (float) d;
    if (Float.isInfinite(f) && !Double.isInfinite(d)) throw Errors.floatOverflow();
    if (f == 0.0f && d != 0.0) throw Errors.floatUnderflow();
    return f;
  }

  private static Conv toNumeric(PgType from) {
    return switch (from) {
      case INT2, INT4, INT8, OID -> (v, ctx) -> BigDecimal.valueOf(((Number) v).longValue());
      case FLOAT8 -> (v, ctx) -> floatToNumeric((Double) v, 15);
      case FLOAT4 -> (v, ctx) -> floatToNumeric((Float) v, 6);
      default -> null;
    };
  }

  /**
   * float -> numeric as PostgreSQL does it: through the decimal text with DBL_DIG (15) or FLT_DIG (6)
   * significant digits, so 0.1::float8::numeric is 0.1.
   */
  static BigDecimal floatToNumeric(double d, int digits) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "cannot convert " + (Double.isNaN(d) ? "NaN" : "infinity") + " to numeric");
    }
    if (d == 0) return BigDecimal.ZERO;
    BigDecimal r = new BigDecimal(d).round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
    r = r.stripTrailingZeros();
    return r.scale() < 0 ? r.setScale(0) : r;
  }
}
