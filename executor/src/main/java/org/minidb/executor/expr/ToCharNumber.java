package org.minidb.executor.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * PostgreSQL's to_char for numbers, for the common patterns: {@code 9} (digit, blank when leading), {@code 0}
 * (digit, zero when leading), {@code .} and {@code D} (decimal point), {@code ,} and {@code G} (group separator),
 * {@code S} (explicit sign), {@code FM} (no padding, no trailing zeros of {@code 9} positions). Other characters
 * are copied. Too many digits give {@code #} in every digit position, as in PostgreSQL. The sign (a blank for a
 * positive number without S) stands just before the first digit printed.
 */
final class ToCharNumber {
  private ToCharNumber() {}

  /**
   * @param rounding HALF_UP for numeric and integers; HALF_EVEN for floats, whose exact binary value PostgreSQL
   *     rounds with printf (to_char(2.5::float8, '9') is ' 2', to_char(1.005::float8, '9.99') is ' 1.00')
   */
  static String format(BigDecimal value, String format, RoundingMode rounding) {
    boolean fm = false;
    boolean explicitSign = false;
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      if (format.regionMatches(true, i, "FM", 0, 2)) {
        fm = true;
        i++;
      } else if (format.charAt(i) == 'S' || format.charAt(i) == 's') {
        explicitSign = true;
      } else {
        char c = format.charAt(i);
        pattern.append(c == 'D' || c == 'd' ? '.' : c == 'G' || c == 'g' ? ',' : c);
      }
    }
    String p = pattern.toString();
    int point = p.indexOf('.');
    String intPattern = point < 0 ? p : p.substring(0, point);
    String fracPattern = point < 0 ? "" : p.substring(point + 1);
    int fracDigits = countDigits(fracPattern);
    int intDigits = countDigits(intPattern);
    boolean negative = value.signum() < 0;
    BigDecimal rounded = value.abs().setScale(fracDigits, rounding);
    String plain = rounded.toPlainString();
    int dot = plain.indexOf('.');
    String intPart = dot < 0 ? plain : plain.substring(0, dot);
    String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
    if (intPart.equals("0")) intPart = point < 0 ? "0" : "";
    boolean overflow = intPart.length() > intDigits;
    if (negative && rounded.signum() == 0) negative = false;

    StringBuilder integer = new StringBuilder();
    int zeroFrom = intPattern.indexOf('0'); // positions from the first 0 on are printed even when leading
    int digitIndex = intDigits; // positions left to fill, counted from the right
    boolean started = false;
    for (int i = 0; i < intPattern.length(); i++) {
      char c = intPattern.charAt(i);
      if (c == '9' || c == '0') {
        digitIndex--;
        if (overflow) {
          integer.append('#');
          started = true;
        } else if (digitIndex < intPart.length()) {
          integer.append(intPart.charAt(intPart.length() - 1 - digitIndex));
          started = true;
        } else if (zeroFrom >= 0 && i >= zeroFrom) {
          integer.append('0');
          started = true;
        } else {
          integer.append(' ');
        }
      } else if (c == ',') {
        integer.append(started ? ',' : ' ');
      } else {
        integer.append(c);
      }
    }
    String sign = explicitSign ? (negative ? "-" : "+") : (negative ? "-" : " ");
    int firstNonBlank = 0;
    while (firstNonBlank < integer.length() && integer.charAt(firstNonBlank) == ' ') firstNonBlank++;
    StringBuilder out = new StringBuilder();
    out.append(integer, 0, firstNonBlank).append(sign).append(integer, firstNonBlank, integer.length());
    if (point >= 0 && !(fm && fracDigits == 0)) { // PostgreSQL: to_char(100, 'FM999.') is '100'
      out.append('.');
      StringBuilder fraction = new StringBuilder();
      int f = 0;
      for (int i = 0; i < fracPattern.length(); i++) {
        char c = fracPattern.charAt(i);
        if (c == '9' || c == '0') fraction.append(overflow ? '#' : fracPart.charAt(f++));
        else fraction.append(c);
      }
      if (fm && !overflow) {
        // FM drops the trailing zeros that stand in 9 positions (0 positions keep theirs).
        int keep = fraction.length();
        for (int i = fracPattern.length() - 1; i >= 0 && fracPattern.charAt(i) == '9' && fraction.charAt(i) == '0'; i--) {
          keep = i;
        }
        fraction.setLength(keep);
      }
      out.append(fraction);
    }
    String s = out.toString();
    if (fm) s = s.strip();
    return s;
  }

  private static int countDigits(String pattern) {
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '9' || pattern.charAt(i) == '0') n++;
    }
    return n;
  }
}
