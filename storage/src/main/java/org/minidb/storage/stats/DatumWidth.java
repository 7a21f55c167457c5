package org.minidb.storage.stats;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.minidb.common.types.PgType;

/**
 * The width PostgreSQL's ANALYZE counts for a value (VARSIZE_ANY of the stored datum): the type's length for
 * fixed-width types; for varlena types the data plus a 1-byte header while it is short (under 127 bytes), else a
 * 4-byte header. numeric counts PostgreSQL's short packed form: 2 header bytes plus 2 bytes per base-10000 digit.
 */
final class DatumWidth {
  private DatumWidth() {}

  static int of(PgType type, Object value) {
    if (type.typlen() > 0) return type.typlen();
    int data = switch (type) {
      case BYTEA -> ((byte[]) value).length;
      case NUMERIC -> 2 + 2 * base10000Digits((BigDecimal) value);
      default -> value.toString().getBytes(StandardCharsets.UTF_8).length;
    };
    return data + (data + 1 <= 127 ? 1 : 4);
  }

  /** The base-10000 digits PostgreSQL stores: the groups of four around the decimal point, zero groups stripped. */
  static int base10000Digits(BigDecimal value) {
    if (value.signum() == 0) return 0;
    String plain = value.abs().toPlainString();
    int dot = plain.indexOf('.');
    String intPart = dot < 0 ? plain : plain.substring(0, dot);
    String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
    intPart = intPart.replaceFirst("^0+", "");
    fracPart = fracPart.replaceFirst("0+$", "");
    // Pad to whole groups counted from the decimal point.
    int intGroups = (intPart.length() + 3) / 4;
    String ints = "0".repeat(intGroups * 4 - intPart.length()) + intPart;
    int fracGroups = (fracPart.length() + 3) / 4;
    String fracs = fracPart + "0".repeat(fracGroups * 4 - fracPart.length());
    String all = ints + fracs;
    int first = 0;
    int last = all.length() / 4;
    while (first < last && all.substring(first * 4, first * 4 + 4).equals("0000")) first++;
    while (last > first && all.substring(last * 4 - 4, last * 4).equals("0000")) last--;
    return last - first;
  }
}
