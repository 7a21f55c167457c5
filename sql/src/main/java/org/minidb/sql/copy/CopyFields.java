package org.minidb.sql.copy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Splits one COPY record into its fields, as PostgreSQL's CopyReadAttributesText and CopyReadAttributesCSV: a
 * field whose input equals the NULL string (in CSV: unquoted) is null. Text format undoes backslash escapes
 * ({@code \b \f \n \r \t \v}, octal {@code \ooo}, hex {@code \xhh}, any other character stands for itself);
 * CSV undoes quoting (the escape character before a quote or itself, a doubled quote when they are one).
 */
public final class CopyFields {
  private CopyFields() {}

  public static List<String> split(String record, CopyOptions options) {
    return options.csv() ? csv(record, options) : text(record, options);
  }

  private static List<String> text(String record, CopyOptions options) {
    List<String> fields = new ArrayList<>();
    char delimiter = options.delimiter();
    int i = 0;
    int n = record.length();
    while (true) {
      int start = i;
      StringBuilder value = null;
      ByteArrayOutputStream bytes = null;
      while (i < n && record.charAt(i) != delimiter) {
        char c = record.charAt(i);
        if (c != '\\' || i + 1 >= n) {
          if (value != null) value.append(c);
          i++;
          continue;
        }
        if (value == null) value = new StringBuilder(record.substring(start, i));
        char e = record.charAt(i + 1);
        i += 2;
        int code = -1;
        if (e >= '0' && e <= '7') {
          code = e - '0';
          for (int k = 0; k < 2 && i < n && record.charAt(i) >= '0' && record.charAt(i) <= '7'; k++, i++) {
            code = code * 8 + (record.charAt(i) - '0');
          }
          code &= 0xff;
        } else if (e == 'x' && i < n && Character.digit(record.charAt(i), 16) >= 0) {
          code = Character.digit(record.charAt(i++), 16);
          if (i < n && Character.digit(record.charAt(i), 16) >= 0) code = code * 16 + Character.digit(record.charAt(i++), 16);
        }
        if (code >= 0) {
          // Octal and hex escapes name bytes: collected so that a UTF-8 sequence of them decodes whole.
          if (bytes == null) bytes = new ByteArrayOutputStream();
          bytes.write(code);
          continue;
        }
        if (bytes != null) {
          value.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
          bytes = null;
        }
        value.append(switch (e) {
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'v' -> '\u000b';
          default -> e;
        });
      }
      if (bytes != null) value.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      String raw = record.substring(start, i);
      fields.add(raw.equals(options.nullString()) ? null : value == null ? raw : value.toString());
      if (i >= n) return fields;
      i++; // the delimiter
    }
  }

  private static List<String> csv(String record, CopyOptions options) {
    List<String> fields = new ArrayList<>();
    char delimiter = options.delimiter();
    char quote = options.quote();
    char escape = options.escape();
    int i = 0;
    int n = record.length();
    while (true) {
      int start = i;
      boolean sawQuote = false;
      StringBuilder value = new StringBuilder();
      boolean inQuotes = false;
      while (i < n) {
        char c = record.charAt(i);
        if (!inQuotes) {
          if (c == delimiter) break;
          if (c == quote) {
            sawQuote = true;
            inQuotes = true;
          } else {
            value.append(c);
          }
          i++;
        } else if (c == escape && i + 1 < n && (record.charAt(i + 1) == quote || record.charAt(i + 1) == escape)) {
          value.append(record.charAt(i + 1));
          i += 2;
        } else if (c == quote) {
          inQuotes = false;
          i++;
        } else {
          value.append(c);
          i++;
        }
      }
      if (inQuotes) throw DbException.of(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
      String raw = record.substring(start, i);
      fields.add(!sawQuote && raw.equals(options.nullString()) ? null : value.toString());
      if (i >= n) return fields;
      i++; // the delimiter
    }
  }
}
