package org.minidb.pgwire;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * PostgreSQL's binary numeric format (numeric_send / numeric_recv): int16 ndigits, int16 weight, int16 sign,
 * int16 dscale, then ndigits base-10000 digits, most significant first. The value is
 * {@code sum(digit[i] * 10000^(weight - i))}; dscale is the number of decimal digits after the point.
 * Leading and trailing zero digits are never sent; zero has no digits.
 */
final class NumericBinary {
  private NumericBinary() {}

  static final int POSITIVE = 0x0000;
  static final int NEGATIVE = 0x4000;
  static final int NAN = 0xC000;
  private static final BigInteger BASE = BigInteger.valueOf(10_000);

  static void encode(BigDecimal value, ByteBuf out) {
    int dscale = Math.max(value.scale(), 0);
    String plain = value.abs().toPlainString();
    int point = plain.indexOf('.');
    String integerPart = point < 0 ? plain : plain.substring(0, point);
    String fractionPart = point < 0 ? "" : plain.substring(point + 1);
    // Pad both parts to whole base-10000 digits around the decimal point.
    int integerPad = (4 - integerPart.length() % 4) % 4;
    int fractionPad = (4 - fractionPart.length() % 4) % 4;
    String digits = "0".repeat(integerPad) + integerPart + fractionPart + "0".repeat(fractionPad);
    int groups = digits.length() / 4;
    int weight = (integerPart.length() + integerPad) / 4 - 1;
    int first = 0;
    int last = groups - 1;
    while (first <= last && group(digits, first) == 0) first++;
    while (last >= first && group(digits, last) == 0) last--;
    int ndigits = last - first + 1;
    out.writeShort(ndigits);
    out.writeShort(ndigits == 0 ? 0 : weight - first);
    out.writeShort(value.signum() < 0 ? NEGATIVE : POSITIVE);
    out.writeShort(dscale);
    for (int i = first; i <= last; i++) out.writeShort(group(digits, i));
  }

  private static int group(String digits, int index) {
    return Integer.parseInt(digits, index * 4, index * 4 + 4, 10);
  }

  static BigDecimal decode(MessageReader in) {
    int ndigits = in.readInt16();
    int weight = in.readInt16();
    int sign = in.readInt16() & 0xffff;
    int dscale = in.readInt16();
    if (ndigits < 0) throw invalid("invalid length in external \"numeric\" value");
    if (sign == NAN) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "numeric NaN is not supported");
    }
    if (sign != POSITIVE && sign != NEGATIVE) throw invalid("invalid sign in external \"numeric\" value");
    if (dscale < 0) throw invalid("invalid scale in external \"numeric\" value");
    BigInteger unscaled = BigInteger.ZERO;
    for (int i = 0; i < ndigits; i++) {
      int digit = in.readInt16();
      if (digit < 0 || digit >= 10_000) throw invalid("invalid digit in external \"numeric\" value");
      unscaled = unscaled.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    in.expectEnd();
    BigDecimal value = new BigDecimal(unscaled, 4 * (ndigits - 1 - weight));
    if (sign == NEGATIVE) value = value.negate();
    // As numeric_recv: digits beyond dscale are truncated away.
    return value.setScale(dscale, RoundingMode.DOWN);
  }

  private static DbException invalid(String message) {
    return DbException.of(SqlState.INVALID_BINARY_REPRESENTATION, message);
  }
}
