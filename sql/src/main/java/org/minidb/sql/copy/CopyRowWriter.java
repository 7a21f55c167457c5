package org.minidb.sql.copy;

import java.nio.charset.StandardCharsets;

/**
 * Formats COPY TO's rows, as PostgreSQL's CopyAttributeOutText and CopyAttributeOutCSV: text escapes
 * backslash, the delimiter and control characters; CSV quotes a value holding the delimiter, the quote, a line
 * end, or equal to the NULL string (and a lone {@code \.} in a one-column copy), doubling quotes and escapes
 * inside. Each row is one line ending in {@code \n}.
 */
public final class CopyRowWriter {
  private final CopyOptions options;
  private final StringBuilder line = new StringBuilder(128);

  public CopyRowWriter(CopyOptions options) { this.options = options; }

  /** One line of output; {@code values} are already in their text form, null for SQL NULL. */
  public byte[] line(String[] values) {
    line.setLength(0);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) line.append(options.delimiter());
      String v = values[i];
      if (v == null) {
        line.append(options.nullString());
      } else if (options.csv()) {
        csv(v, values.length == 1);
      } else {
        text(v);
      }
    }
    line.append('\n');
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void text(String v) {
    char delimiter = options.delimiter();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\b' -> line.append("\\b");
        case '\f' -> line.append("\\f");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        case '\u000b' -> line.append("\\v");
        case '\\' -> line.append("\\\\");
        default -> {
          if (c == delimiter) line.append('\\');
          line.append(c);
        }
      }
    }
  }

  private void csv(String v, boolean singleColumn) {
    char quote = options.quote();
    char escape = options.escape();
    boolean quoted = v.equals(options.nullString()) || singleColumn && v.equals("\\.");
    for (int i = 0; !quoted && i < v.length(); i++) {
      char c = v.charAt(i);
      quoted = c == options.delimiter() || c == quote || c == '\n' || c == '\r';
    }
    if (!quoted) {
      line.append(v);
      return;
    }
    line.append(quote);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == quote || c == escape) line.append(escape);
      line.append(c);
    }
    line.append(quote);
  }
}
