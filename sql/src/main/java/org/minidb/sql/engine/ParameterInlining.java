package org.minidb.sql.engine;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.common.types.TextFormat;

/**
 * The text of a custom plan: a prepared statement's {@code $n} replaced by its bound value as a typed constant,
 * {@code ('42'::int4)} or {@code (NULL::text)}. The type is the parameter's own, so operators and casts resolve as
 * with the parameter; the text form is PostgreSQL's output form, which its input function reads back exactly.
 * Strings, quoted names and comments are skipped. Returns null for text this does not handle (dollar quotes,
 * backslashes), and the caller then uses the generic plan.
 */
public final class ParameterInlining {
  private ParameterInlining() {}

  public static String inline(String sql, Object[] values, List<DataType> types) {
    if (sql.indexOf('\\') >= 0) return null;
    StringBuilder out = new StringBuilder(sql.length() + 16 * values.length);
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (true) {
          if (end >= n) return null;
          if (sql.charAt(end) == c) {
            if (end + 1 < n && sql.charAt(end + 1) == c) { end += 2; continue; }
            break;
          }
          end++;
        }
        out.append(sql, i, end + 1);
        i = end + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0 || sql.indexOf("/*", i + 2) >= 0 && sql.indexOf("/*", i + 2) < end) return null; // nested
        out.append(sql, i, end + 2);
        i = end + 2;
      } else if (c == '$') {
        boolean afterWord = i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_');
        int end = i + 1;
        while (end < n && Character.isDigit(sql.charAt(end))) end++;
        if (afterWord || end == i + 1) return null; // a dollar quote or a name with $
        int number = Integer.parseInt(sql.substring(i + 1, end));
        if (number < 1 || number > values.length) return null;
        out.append(constant(values[number - 1], types.get(number - 1)));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String constant(Object value, DataType type) {
    String name = type.type().typname();
    if (value == null) return "(NULL::" + name + ")";
    return "('" + TextFormat.format(type.type(), value).replace("'", "''") + "'::" + name + ")";
  }
}
