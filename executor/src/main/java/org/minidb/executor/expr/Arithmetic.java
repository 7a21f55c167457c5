package org.minidb.executor.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.Interval;
import org.minidb.common.types.PgType;

/**
 * The arithmetic operators with PostgreSQL's semantics: integers raise 22003 on overflow and truncate on
 * division, every division and modulo by zero raises 22012, floats follow IEEE but raise PostgreSQL's
 * {@code value out of range: overflow/underflow} when finite inputs give an infinite or vanishing result,
 * numeric division has PostgreSQL's result scale ({@link NumericMath#divide}).
 */
final class Arithmetic {
  private Arithmetic() {}

  /** A binary operation on two non-null values. */
  @FunctionalInterface
  interface Op {
    Object apply(Object a, Object b);
  }

  static Expr build(ArithmeticOp op, Expr left, DataType leftType, Expr right, DataType rightType,
      DataType resultType) {
    if (DateTimeArithmetic.applies(leftType, rightType)) {
      return DateTimeArithmetic.build(op, left, leftType, right, rightType);
    }
    PgType t = resultType.type();
    Op f;
    {
      f = switch (t) {
        case INT2, INT4, INT8 -> integer(op, t);
        case FLOAT8 -> float8(op);
        case FLOAT4 -> float4(op);
        case NUMERIC -> numeric(op);
        case DATE -> date(op);
        default -> throw noOperator(op, leftType != null ? leftType : resultType,
            rightType != null ? rightType : resultType);
      };
    }
    Op g = f;
    return (row, ctx) -> {
      Object a = left.eval(row, ctx);
      if (a == null) return null;
      Object b = right.eval(row, ctx);
      if (b == null) return null;
      return g.apply(a, b);
    };
  }

  static Expr negate(Expr arg, PgType type) {
    java.util.function.UnaryOperator<Object> f = switch (type) {
      case INT2 -> v -> {
        long r = -((Number) v).longValue();
        if (r > Short.MAX_VALUE) throw Errors.outOfRange(type);
        return (short) r;
      };
      case INT4 -> v -> {
        long r = -((Number) v).longValue();
        if (r > Integer.MAX_VALUE) throw Errors.outOfRange(type);
        return (int) r;
      };
      case INT8 -> v -> {
        long x = ((Number) v).longValue();
        if (x == Long.MIN_VALUE) throw Errors.outOfRange(type);
        return -x;
      };
      case FLOAT4 -> v -> -((Number) v).floatValue();
      case FLOAT8 -> v -> -((Number) v).doubleValue();
      case NUMERIC -> v -> toNumeric(v).negate();
      case INTERVAL -> v -> ((Interval) v).negate();
      default -> throw DbException.of(SqlState.UNDEFINED_FUNCTION,
          "operator does not exist: - " + DataType.of(type)).withHint(
              "No operator matches the given name and argument type. You might need to add an explicit type cast.");
    };
    return (row, ctx) -> {
      Object v = arg.eval(row, ctx);
      return v == null ? null : f.apply(v);
    };
  }

  /** Integer operators, computed in long and range-checked into the result type. */
  private static Op integer(ArithmeticOp op, PgType t) {
    long min = t == PgType.INT2 ? Short.MIN_VALUE : t == PgType.INT4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long max = t == PgType.INT2 ? Short.MAX_VALUE : t == PgType.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
    boolean wide = t == PgType.INT8;
    return switch (op) {
      case ADD -> (a, b) -> {
        long x = asLong(a);
        long y = asLong(b);
        long r = x + y;
        if (wide ? ((x ^ r) & (y ^ r)) < 0 : r < min || r > max) throw Errors.outOfRange(t);
        return box(r, t);
      };
      case SUBTRACT -> (a, b) -> {
        long x = asLong(a);
        long y = asLong(b);
        long r = x - y;
        if (wide ? ((x ^ y) & (x ^ r)) < 0 : r < min || r > max) throw Errors.outOfRange(t);
        return box(r, t);
      };
      case MULTIPLY -> (a, b) -> {
        long x = asLong(a);
        long y = asLong(b);
        long hi = Math.multiplyHigh(x, y);
        long r = x * y;
        if ((hi != 0 || r < 0) && (hi != -1 || r >= 0)) throw Errors.outOfRange(t);
        if (r < min || r > max) throw Errors.outOfRange(t);
        return box(r, t);
      };
      case DIVIDE -> (a, b) -> {
        long x = asLong(a);
        long y = asLong(b);
        if (y == 0) throw Errors.divisionByZero();
        if (y == -1) {
          if (x == min) throw Errors.outOfRange(t); // min / -1 does not fit
          return box(-x, t);
        }
        return box(x / y, t); // Java, like C, truncates toward zero
      };
      case MODULO -> (a, b) -> {
        long x = asLong(a);
        long y = asLong(b);
        if (y == 0) throw Errors.divisionByZero();
        if (y == -1) return box(0, t); // avoids min % -1 trapping, as PostgreSQL does
        return box(x % y, t);
      };
    };
  }

  /** Integer operands; a date stands for its day number so that date - date works without operand types. */
  private static long asLong(Object v) {
    return v instanceof Number n ? n.longValue() : ((LocalDate) v).toEpochDay();
  }

  static Object box(long v, PgType t) {
    return switch (t) {
      case INT2 -> (short) v;
      case INT4 -> (int) v;
      default -> v;
    };
  }

  private static Op float8(ArithmeticOp op) {
    return switch (op) {
      case ADD -> (a, b) -> checkFloat8(d(a) + d(b), d(a), d(b));
      case SUBTRACT -> (a, b) -> checkFloat8(d(a) - d(b), d(a), d(b));
      case MULTIPLY -> (a, b) -> {
        double x = d(a);
        double y = d(b);
        double r = x * y;
        checkFloat8(r, x, y);
        if (r == 0.0 && x != 0.0 && y != 0.0) throw Errors.floatUnderflow();
        return r;
      };
      case DIVIDE -> (a, b) -> {
        double x = d(a);
        double y = d(b);
        if (y == 0.0) throw Errors.divisionByZero();
        double r = x / y;
        if (Double.isInfinite(r) && !Double.isInfinite(x)) throw Errors.floatOverflow();
        if (r == 0.0 && x != 0.0 && !Double.isInfinite(y)) throw Errors.floatUnderflow();
        return r;
      };
      case MODULO -> throw noOperator(op, DataType.FLOAT8, DataType.FLOAT8);
    };
  }

  private static double d(Object v) { return ((Number) v).doubleValue(); }

  private static Double checkFloat8(double r, double x, double y) {
    if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) throw Errors.floatOverflow();
    return r;
  }

  private static Op float4(ArithmeticOp op) {
    return switch (op) {
      case ADD -> (a, b) -> checkFloat4(f(a) + f(b), f(a), f(b));
      case SUBTRACT -> (a, b) -> checkFloat4(f(a) - f(b), f(a), f(b));
      case MULTIPLY -> (a, b) -> {
        float x = f(a);
        float y = f(b);
        float r = checkFloat4(x * y, x, y);
        if (r == 0.0f && x != 0.0f && y != 0.0f) throw Errors.floatUnderflow();
        return r;
      };
      case DIVIDE -> (a, b) -> {
        float x = f(a);
        float y = f(b);
        if (y == 0.0f) throw Errors.divisionByZero();
        float r = x / y;
        if (Float.isInfinite(r) && !Float.isInfinite(x)) throw Errors.floatOverflow();
        if (r == 0.0f && x != 0.0f && !Float.isInfinite(y)) throw Errors.floatUnderflow();
        return r;
      };
      case MODULO -> throw noOperator(op, DataType.FLOAT4, DataType.FLOAT4);
    };
  }

  private static float f(Object v) { return ((Number) v).floatValue(); }

  private static Float checkFloat4(float r, float x, float y) {
    if (Float.isInfinite(r) && !Float.isInfinite(x) && !Float.isInfinite(y)) throw Errors.floatOverflow();
    return r;
  }

  private static Op numeric(ArithmeticOp op) {
    return switch (op) {
      case ADD -> (a, b) -> toNumeric(a).add(toNumeric(b));
      case SUBTRACT -> (a, b) -> toNumeric(a).subtract(toNumeric(b));
      case MULTIPLY -> (a, b) -> toNumeric(a).multiply(toNumeric(b));
      case DIVIDE -> (a, b) -> NumericMath.divide(toNumeric(a), toNumeric(b));
      case MODULO -> (a, b) -> NumericMath.mod(toNumeric(a), toNumeric(b));
    };
  }

  /** A numeric operand; integers are accepted too (exact), as the planner may leave them uncast. */
  static BigDecimal toNumeric(Object v) {
    if (v instanceof BigDecimal d) return d;
    if (v instanceof Long || v instanceof Integer || v instanceof Short) return BigDecimal.valueOf(((Number) v).longValue());
    return Casts.floatToNumeric(((Number) v).doubleValue(), 15);
  }

  /** date + integer, integer + date, date - integer. */
  private static Op date(ArithmeticOp op) {
    return switch (op) {
      case ADD -> (a, b) -> a instanceof LocalDate d ? plusDays(d, asLong(b)) : plusDays((LocalDate) b, asLong(a));
      case SUBTRACT -> (a, b) -> plusDays((LocalDate) a, -asLong(b));
      default -> throw noOperator(op, DataType.DATE, DataType.INT4);
    };
  }

  private static LocalDate plusDays(LocalDate d, long days) { return DateTimeArithmetic.plusDays(d, days); }

  private static DbException noOperator(ArithmeticOp op, DataType l, DataType r) {
    return DateTimeArithmetic.noOperator(op, l, r);
  }
}
