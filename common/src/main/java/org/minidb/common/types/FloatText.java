package org.minidb.common.types;

import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Text input and output of float4 and float8 as PostgreSQL 15 does them (extra_float_digits = 1, the
 * default since PostgreSQL 12): the shortest decimal that reads back to the same value, printed in fixed
 * notation when the decimal exponent is in [-4, DIG) and in exponential notation ({@code 1e+20},
 * {@code 1.2345678e-05}) otherwise, where DIG is 15 for float8 and 6 for float4.
 *
 * <p>Java's {@code Double.toString} / {@code Float.toString} produce the shortest round-trip digits since JDK
 * 19; this class only re-lays those digits out in PostgreSQL's notation.
 */
final class FloatText {
  private FloatText() {}

  static String formatDouble(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (v == 0) return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    return layout(Double.toString(Math.abs(v)), v < 0, 15);
  }

  static String formatFloat(float v) {
    if (Float.isNaN(v)) return "NaN";
    if (Float.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (v == 0) return (Float.floatToRawIntBits(v) < 0) ? "-0" : "0";
    return layout(Float.toString(Math.abs(v)), v < 0, 6);
  }

  /** Re-lays out Java's shortest representation ("1.5", "1.0E20", "1.2345678E-5") as PostgreSQL's. */
  private static String layout(String java, boolean negative, int dig) {
    String mantissa = java;
    int exp10 = 0;
    int e = java.indexOf('E');
    if (e >= 0) {
      mantissa = java.substring(0, e);
      exp10 = Integer.parseInt(java.substring(e + 1));
    }
    int dot = mantissa.indexOf('.');
    String intPart = mantissa.substring(0, dot);
    String fracPart = mantissa.substring(dot + 1);
    // All significant digits, and the exponent of the first one.
    String digits = intPart + fracPart;
    int pointPos = intPart.length() + exp10; // digits[0 .. pointPos) are before the decimal point
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
    digits = digits.substring(lead);
    pointPos -= lead;
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') end--;
    digits = digits.substring(0, end);
    int exponent = pointPos - 1; // decimal exponent of the first significant digit
    StringBuilder sb = new StringBuilder(24);
    if (negative) sb.append('-');
    if (exponent < -4 || exponent >= dig) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) sb.append('0');
      sb.append(abs);
    } else if (exponent < 0) {
      sb.append("0.");
      for (int i = -1; i > exponent; i--) sb.append('0');
      sb.append(digits);
    } else if (digits.length() <= pointPos) {
      sb.append(digits);
      for (int i = digits.length(); i < pointPos; i++) sb.append('0');
    } else {
      sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
    }
    return sb.toString();
  }

  static double parseDouble(String text) {
    double v = parse(text, "double precision");
    if (Double.isInfinite(v) && !isInfinityWord(text)) {
      throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "\"" + text + "\" is out of range for type double precision");
    }
    if (v == 0 && !isZero(text)) {
      throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "\"" + text + "\" is out of range for type double precision");
    }
    return v;
  }

  static float parseFloat(String text) {
    double d = parse(text, "real");
    float v = (float) d;
    boolean special = Double.isNaN(d) || Double.isInfinite(d);
    if (!special && (Float.isInfinite(v) || (v == 0 && d != 0) || (v == 0 && !isZero(text)))) {
      throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"" + text + "\" is out of range for type real");
    }
    return v;
  }

  private static double parse(String text, String typeName) {
    String s = text.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "nan": return Double.NaN;
      case "infinity", "+infinity", "inf", "+inf": return Double.POSITIVE_INFINITY;
      case "-infinity", "-inf": return Double.NEGATIVE_INFINITY;
      default: break;
    }
    if (!isDecimalSyntax(s)) {
      throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION,
          "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }
    return Double.parseDouble(s);
  }

  private static boolean isInfinityWord(String text) {
    return text.strip().toLowerCase(Locale.ROOT).contains("inf");
  }

  /** True when every digit of the mantissa is zero (so a zero result is not an underflow). */
  private static boolean isZero(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    int e = s.indexOf('e');
    if (e >= 0) s = s.substring(0, e);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '1' && c <= '9') return false;
    }
    return true;
  }

  /** [+-] digits [. digits] [e [+-] digits], with at least one digit in the mantissa (as strtod, no hex). */
  private static boolean isDecimalSyntax(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) { i++; digits++; }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') { i++; digits++; }
    }
    if (digits == 0) return false;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      int expDigits = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') { i++; expDigits++; }
      if (expDigits == 0) return false;
    }
    return i == n;
  }
}
