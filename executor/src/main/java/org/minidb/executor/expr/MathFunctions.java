package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.FLOAT4;
import static org.minidb.common.types.PgType.FLOAT8;
import static org.minidb.common.types.PgType.INT2;
import static org.minidb.common.types.PgType.INT4;
import static org.minidb.common.types.PgType.INT8;
import static org.minidb.common.types.PgType.NUMERIC;

import java.math.BigDecimal;
import org.minidb.common.types.PgType;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;
import org.minidb.common.error.DbException;
import org.minidb.executor.expr.FunctionRegistry.Volatility;

/** Mathematical functions (PostgreSQL's "Mathematical Functions and Operators"). */
final class MathFunctions {
  private MathFunctions() {}

  private static final String INVALID_ARGUMENT = "2201F"; // invalid_argument_for_power_function
  private static final String INVALID_LOG_ARGUMENT = "2201E";

  static void register(FunctionRegistry r) {
    r.add1("abs", INT2, INT2, v -> {
      short s = (Short) v;
      if (s == Short.MIN_VALUE) throw Errors.outOfRange(INT2);
      return (short) Math.abs(s);
    });
    r.add1("abs", INT4, INT4, v -> {
      int i = (Integer) v;
      if (i == Integer.MIN_VALUE) throw Errors.outOfRange(INT4);
      return Math.abs(i);
    });
    r.add1("abs", INT8, INT8, v -> {
      long l = (Long) v;
      if (l == Long.MIN_VALUE) throw Errors.outOfRange(INT8);
      return Math.abs(l);
    });
    r.add1("abs", FLOAT4, FLOAT4, v -> Math.abs((Float) v));
    r.add1("abs", FLOAT8, FLOAT8, v -> Math.abs((Double) v));
    r.add1("abs", NUMERIC, NUMERIC, v -> ((BigDecimal) v).abs());

    r.add1("round", FLOAT8, FLOAT8, v -> Math.rint((Double) v)); // half to even, as C's rint
    r.add1("round", NUMERIC, NUMERIC, v -> NumericMath.round((BigDecimal) v, 0));
    r.add2("round", NUMERIC, NUMERIC, INT4, (v, s) -> NumericMath.round((BigDecimal) v, (Integer) s));
    r.add1("trunc", FLOAT8, FLOAT8, v -> truncDouble((Double) v));
    r.add1("trunc", NUMERIC, NUMERIC, v -> NumericMath.trunc((BigDecimal) v, 0));
    r.add2("trunc", NUMERIC, NUMERIC, INT4, (v, s) -> NumericMath.trunc((BigDecimal) v, (Integer) s));
    r.add1("ceil,ceiling", FLOAT8, FLOAT8, v -> Math.ceil((Double) v));
    r.add1("ceil,ceiling", NUMERIC, NUMERIC, v -> ((BigDecimal) v).setScale(0, RoundingMode.CEILING));
    r.add1("floor", FLOAT8, FLOAT8, v -> Math.floor((Double) v));
    r.add1("floor", NUMERIC, NUMERIC, v -> ((BigDecimal) v).setScale(0, RoundingMode.FLOOR));
    r.add1("sign", FLOAT8, FLOAT8, v -> Math.signum((Double) v));
    r.add1("sign", NUMERIC, NUMERIC, v -> BigDecimal.valueOf(((BigDecimal) v).signum()));

    Arithmetic.Op mod2 = modOp(INT2);
    Arithmetic.Op mod4 = modOp(INT4);
    Arithmetic.Op mod8 = modOp(INT8);
    r.add2("mod", INT2, INT2, INT2, mod2::apply);
    r.add2("mod", INT4, INT4, INT4, mod4::apply);
    r.add2("mod", INT8, INT8, INT8, mod8::apply);
    r.add2("mod", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.mod((BigDecimal) a, (BigDecimal) b));
    r.add2("div", NUMERIC, NUMERIC, NUMERIC, (a, b) -> {
      if (((BigDecimal) b).signum() == 0) throw Errors.divisionByZero();
      return ((BigDecimal) a).divideToIntegralValue((BigDecimal) b).setScale(0, RoundingMode.DOWN);
    });

    r.add2("gcd", INT4, INT4, INT4, (a, b) -> (int) gcd((Integer) a, (Integer) b, INT4));
    r.add2("gcd", INT8, INT8, INT8, (a, b) -> gcd((Long) a, (Long) b, INT8));
    r.add2("lcm", INT4, INT4, INT4, (a, b) -> (int) lcm((Integer) a, (Integer) b, INT4));
    r.add2("lcm", INT8, INT8, INT8, (a, b) -> lcm((Long) a, (Long) b, INT8));

    r.add2("power,pow", FLOAT8, FLOAT8, FLOAT8, (a, b) -> power((Double) a, (Double) b));
    r.add2("power,pow", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericMath.power((BigDecimal) a, (BigDecimal) b));
    r.add1("sqrt", FLOAT8, FLOAT8, v -> {
      double d = (Double) v;
      if (d < 0) throw DbException.of(INVALID_ARGUMENT, "cannot take square root of a negative number");
      return Math.sqrt(d);
    });
    r.add1("sqrt", NUMERIC, NUMERIC, v -> NumericMath.sqrt((BigDecimal) v));
    r.add1("cbrt", FLOAT8, FLOAT8, v -> Math.cbrt((Double) v));
    r.add1("exp", FLOAT8, FLOAT8, v -> {
      double d = Math.exp((Double) v);
      if (Double.isInfinite(d) && !Double.isInfinite((Double) v)) throw Errors.floatOverflow();
      if (d == 0 && !Double.isInfinite((Double) v)) throw Errors.floatUnderflow();
      return d;
    });
    r.add1("ln", FLOAT8, FLOAT8, v -> Math.log(logArgument((Double) v)));
    r.add1("log,log10", FLOAT8, FLOAT8, v -> Math.log10(logArgument((Double) v)));
    r.add1("degrees", FLOAT8, FLOAT8, v -> Math.toDegrees((Double) v));
    r.add1("radians", FLOAT8, FLOAT8, v -> Math.toRadians((Double) v));
    r.add("pi", Volatility.IMMUTABLE, FLOAT8, a -> new Literal(Math.PI));
    r.add("random", Volatility.VOLATILE, FLOAT8, a -> (row, ctx) -> ThreadLocalRandom.current().nextDouble());
  }

  private static Arithmetic.Op modOp(org.minidb.common.types.PgType t) {
    Expr e = Arithmetic.build(ArithmeticOp.MODULO, new ColumnRef(0), null, new ColumnRef(1), null,
        org.minidb.common.types.DataType.of(t));
    return (a, b) -> e.eval(new Object[] {a, b}, null);
  }

  private static double truncDouble(double d) { return d < 0 ? Math.ceil(d) : Math.floor(d); }

  private static double logArgument(double d) {
    if (d == 0) throw DbException.of(INVALID_LOG_ARGUMENT, "cannot take logarithm of zero");
    if (d < 0) throw DbException.of(INVALID_LOG_ARGUMENT, "cannot take logarithm of a negative number");
    return d;
  }

  private static double power(double x, double y) {
    if (x == 0 && y < 0) throw DbException.of(INVALID_ARGUMENT, "zero raised to a negative power is undefined");
    if (x < 0 && y != Math.floor(y)) {
      throw DbException.of(INVALID_ARGUMENT, "a negative number raised to a non-integer power yields a complex result");
    }
    double r = Math.pow(x, y);
    if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) throw Errors.floatOverflow();
    if (r == 0 && x != 0 && !Double.isInfinite(y)) throw Errors.floatUnderflow();
    return r;
  }

  /** gcd as PostgreSQL: never negative; a result that does not fit (gcd(min, 0)) is out of range. */
  private static long gcd(long a, long b, PgType t) {
    long x = Math.abs(a);
    long y = Math.abs(b);
    if (x < 0 || y < 0) {
      // |Long.MIN_VALUE| overflows; gcd(MIN, y) for y != 0 still fits after one step.
      if (y == 0 || x == 0) throw Errors.outOfRange(t);
      long r = a % b;
      x = Math.abs(b);
      y = Math.abs(r);
    }
    while (y != 0) {
      long r = x % y;
      x = y;
      y = r;
    }
    if (t == INT4 && x > Integer.MAX_VALUE) throw Errors.outOfRange(t);
    return x;
  }

  private static long lcm(long a, long b, PgType t) {
    if (a == 0 || b == 0) return 0;
    long g = gcd(a, b, INT8);
    long r;
    try {
      r = Math.abs(Math.multiplyExact(a / g, b));
    } catch (ArithmeticException e) {
      throw Errors.outOfRange(t);
    }
    if (r < 0 || t == INT4 && r > Integer.MAX_VALUE) throw Errors.outOfRange(t);
    return r;
  }
}
