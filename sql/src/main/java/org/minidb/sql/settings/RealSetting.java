package org.minidb.sql.settings;

import java.math.BigDecimal;
import java.math.MathContext;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The text of a real (floating-point) setting as PostgreSQL's GUC code reads and shows it: parsed as strtod
 * does, every real planner setting ranging over 0 .. DBL_MAX, shown as C's {@code %g} (six significant digits,
 * exponent form below 1e-4 and from 1e6: {@code 0.0025}, {@code 4}, {@code 1.23457e+06}).
 */
final class RealSetting {
  private RealSetting() {}

  static double parse(String name, String text) {
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw invalid(name, text, e);
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) throw invalid(name, text, null);
    if (value < 0) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, format(value)
          + " is outside the valid range for parameter \"" + name + "\" (0 .. 1.79769e+308)");
    }
    return value;
  }

  /** C's printf("%g"). */
  static String format(double value) {
    if (value == 0) return "0";
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(6));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      String e = String.format("%02d", Math.abs(exponent));
      return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + e;
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  private static DbException invalid(String name, String text, Throwable cause) {
    String message = "invalid value for parameter \"" + name + "\": \"" + text + "\"";
    return cause == null ? DbException.of(SqlState.INVALID_PARAMETER_VALUE, message)
        : DbException.of(SqlState.INVALID_PARAMETER_VALUE, message, cause);
  }
}
