package org.minidb.executor.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * numeric operations with PostgreSQL's result scales. PostgreSQL stores numerics in base-10000 digits; the
 * scale of a division, square root or power depends on the "weight" (position of the first base-10000
 * digit) of the operands, and is at least 16 significant digits (NUMERIC_MIN_SIG_DIGITS).
 */
public final class NumericMath {
  private NumericMath() {}

  static final int MIN_SIG_DIGITS = 16;
  static final int MAX_DISPLAY_SCALE = 1000;

  /** PostgreSQL's dscale: a numeric never has a negative display scale. */
  public static int dscale(BigDecimal d) { return Math.max(d.scale(), 0); }

  /** Weight of the first non-zero base-10000 digit, 0 for zero. */
  static int weight(BigDecimal d) {
    if (d.signum() == 0) return 0;
    int exp10 = d.precision() - d.scale() - 1; // decimal exponent of the first significant digit
    return Math.floorDiv(exp10, 4);
  }

  /** The first non-zero base-10000 digit (1..9999), 0 for zero. */
  static int firstDigit(BigDecimal d) {
    if (d.signum() == 0) return 0;
    return d.abs().movePointLeft(4 * weight(d)).setScale(0, RoundingMode.DOWN).intValue();
  }

  /** numeric / numeric, rounded half away from zero to select_div_scale's scale. */
  public static BigDecimal divide(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) throw Errors.divisionByZero();
    int qweight = weight(a) - weight(b);
    if (firstDigit(a) <= firstDigit(b)) qweight--;
    int rscale = MIN_SIG_DIGITS - qweight * 4;
    rscale = Math.max(rscale, dscale(a));
    rscale = Math.max(rscale, dscale(b));
    rscale = Math.max(rscale, 0);
    rscale = Math.min(rscale, MAX_DISPLAY_SCALE);
    return a.divide(b, rscale, RoundingMode.HALF_UP);
  }

  /** numeric % numeric: the remainder of truncated division, with the larger operand scale. */
  public static BigDecimal mod(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) throw Errors.divisionByZero();
    BigDecimal r = a.remainder(b);
    return r.setScale(Math.max(dscale(a), dscale(b)), RoundingMode.UNNECESSARY);
  }

  /** sqrt(numeric): scale from the weight of the argument, at least 16 significant digits. */
  public static BigDecimal sqrt(BigDecimal a) {
    if (a.signum() < 0) {
      throw DbException.of("2201F", "cannot take square root of a negative number");
    }
    int sweight = (weight(a) + 1) * 4 / 2 - 1;
    int rscale = MIN_SIG_DIGITS - sweight;
    rscale = Math.max(rscale, dscale(a));
    rscale = Math.max(rscale, 0);
    rscale = Math.min(rscale, MAX_DISPLAY_SCALE);
    BigDecimal r = a.sqrt(new MathContext(a.precision() + rscale + 10, RoundingMode.DOWN));
    return r.setScale(rscale, RoundingMode.HALF_UP);
  }

  /**
   * power(numeric, numeric). Integral exponents are computed exactly and rounded to PostgreSQL's scale
   * (16 significant digits, estimated from the result's magnitude); other exponents go through double
   * precision (the last digits may then differ from PostgreSQL's).
   */
  public static BigDecimal power(BigDecimal base, BigDecimal exp) {
    if (base.signum() == 0 && exp.signum() < 0) {
      throw DbException.of("2201F", "zero raised to a negative power is undefined");
    }
    boolean integral = exp.signum() == 0 || exp.stripTrailingZeros().scale() <= 0;
    if (base.signum() < 0 && !integral) {
      throw DbException.of("2201F", "a negative number raised to a non-integer power yields a complex result");
    }
    double log10 = base.signum() == 0 ? 0 : exp.doubleValue() * Math.log10(base.abs().doubleValue());
    int rscale = MIN_SIG_DIGITS - (int) log10;
    rscale = Math.max(rscale, dscale(base));
    rscale = Math.max(rscale, dscale(exp));
    rscale = Math.max(rscale, 0);
    rscale = Math.min(rscale, MAX_DISPLAY_SCALE);
    if (Math.abs(log10) > 100_000) {
      throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
    if (integral && exp.abs().compareTo(BigDecimal.valueOf(100_000)) <= 0) {
      int n = exp.intValueExact();
      BigDecimal p = base.pow(Math.abs(n));
      if (n < 0) p = BigDecimal.ONE.divide(p, rscale + 2, RoundingMode.HALF_UP);
      return p.setScale(rscale, RoundingMode.HALF_UP);
    }
    double d = Math.pow(base.doubleValue(), exp.doubleValue());
    if (Double.isInfinite(d) || Double.isNaN(d)) {
      throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
    return new BigDecimal(d).setScale(rscale, RoundingMode.HALF_UP);
  }

  /** round(numeric, s): half away from zero; a negative s rounds left of the point, the scale stays >= 0. */
  public static BigDecimal round(BigDecimal a, int s) {
    BigDecimal r = a.setScale(s, RoundingMode.HALF_UP);
    return r.scale() < 0 ? r.setScale(0) : r;
  }

  public static BigDecimal trunc(BigDecimal a, int s) {
    BigDecimal r = a.setScale(s, RoundingMode.DOWN);
    return r.scale() < 0 ? r.setScale(0) : r;
  }

  /** numeric -> integer: rounds half away from zero, then checks the range (22003 "integer out of range"). */
  static long toLong(BigDecimal d, long min, long max, org.minidb.common.types.PgType type) {
    BigInteger i = d.setScale(0, RoundingMode.HALF_UP).toBigInteger();
    if (i.bitLength() > 63) throw Errors.outOfRange(type);
    long v = i.longValue();
    if (v < min || v > max) throw Errors.outOfRange(type);
    return v;
  }
}
