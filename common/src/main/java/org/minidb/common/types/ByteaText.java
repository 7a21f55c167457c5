package org.minidb.common.types;

import java.io.ByteArrayOutputStream;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * bytea text formats: output in hex ({@code \x0102ff}, bytea_output = hex); input in hex or in the escape
 * format ({@code \\} for a backslash, {@code \ooo} for an octal byte, other characters as their UTF-8 bytes).
 */
final class ByteaText {
  private ByteaText() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static String format(byte[] b) {
    char[] out = new char[2 + 2 * b.length];
    out[0] = '\\';
    out[1] = 'x';
    for (int i = 0; i < b.length; i++) {
      out[2 + 2 * i] = HEX[(b[i] >> 4) & 0xf];
      out[3 + 2 * i] = HEX[b[i] & 0xf];
    }
    return new String(out);
  }

  static byte[] parse(String s) {
    if (s.length() >= 2 && s.charAt(0) == '\\' && s.charAt(1) == 'x') return parseHex(s);
    return parseEscape(s);
  }

  private static byte[] parseHex(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() / 2);
    int i = 2;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int hi = hexDigit(s, i);
      if (i + 1 >= n) {
        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
      }
      int lo = hexDigit(s, i + 1);
      out.write((hi << 4) | lo);
      i += 2;
    }
    return out.toByteArray();
  }

  private static int hexDigit(String s, int i) {
    char c = s.charAt(i);
    int d = Character.digit(c, 16);
    if (d < 0 || c > 'f') {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
    }
    return d;
  }

  private static byte[] parseEscape(String s) {
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length);
    int i = 0;
    while (i < utf8.length) {
      byte b = utf8[i];
      if (b != '\\') {
        out.write(b);
        i++;
      } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
        out.write('\\');
        i += 2;
      } else if (i + 3 < utf8.length && isOctal(utf8[i + 1], '3') && isOctal(utf8[i + 2], '7')
          && isOctal(utf8[i + 3], '7')) {
        out.write(((utf8[i + 1] - '0') << 6) | ((utf8[i + 2] - '0') << 3) | (utf8[i + 3] - '0'));
        i += 4;
      } else {
        throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
      }
    }
    return out.toByteArray();
  }

  private static boolean isOctal(byte b, char max) { return b >= '0' && b <= max; }
}
