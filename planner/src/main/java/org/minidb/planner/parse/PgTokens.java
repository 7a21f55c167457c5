package org.minidb.planner.parse;

/** Cuts PostgreSQL tokens out of a statement's text, for the "at or near" part of error messages. */
public final class PgTokens {
  private PgTokens() {}

  /**
   * The PostgreSQL token starting at {@code offset} of {@code sql}, as its lexer would cut it: what
   * "syntax error at or near ..." quotes. Approximate for operators (PostgreSQL's trailing +/- rule only).
   */
  public static String tokenAt(String sql, int offset) {
    int n = sql.length();
    if (offset >= n) return "";
    char c = sql.charAt(offset);
    int end = offset + 1;
    if ((c == 'E' || c == 'e') && end < n && sql.charAt(end) == '\'') {
      end = quotedEnd(sql, end + 1, '\'', true);
    } else if (PgLexicalFront.isIdentStart(c)) {
      while (end < n && PgLexicalFront.isIdentCont(sql.charAt(end))) end++;
    } else if (c == '\'' || c == '"') {
      end = quotedEnd(sql, end, c, false);
    } else if (Character.isDigit(c) || c == '.' && end < n && Character.isDigit(sql.charAt(end))) {
      while (end < n && (Character.isDigit(sql.charAt(end)) || sql.charAt(end) == '.')) end++;
      if (end < n && (sql.charAt(end) == 'e' || sql.charAt(end) == 'E')) {
        int e = end + 1;
        if (e < n && (sql.charAt(e) == '+' || sql.charAt(e) == '-')) e++;
        if (e < n && Character.isDigit(sql.charAt(e))) {
          end = e;
          while (end < n && Character.isDigit(sql.charAt(end))) end++;
        }
      }
    } else if (c == '$') {
      if (end < n && Character.isDigit(sql.charAt(end))) {
        while (end < n && Character.isDigit(sql.charAt(end))) end++;
      } else {
        int tagEnd = end;
        while (tagEnd < n && PgLexicalFront.isIdentCont(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') tagEnd++;
        if (tagEnd < n && sql.charAt(tagEnd) == '$') {
          String delimiter = sql.substring(offset, tagEnd + 1);
          int close = sql.indexOf(delimiter, tagEnd + 1);
          end = close < 0 ? n : close + delimiter.length();
        }
      }
    } else if (c == ':' && end < n && sql.charAt(end) == ':') {
      end++;
    } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
      while (end < n && OPERATOR_CHARS.indexOf(sql.charAt(end)) >= 0
          && !sql.startsWith("--", end) && !sql.startsWith("/*", end)) {
        end++;
      }
      boolean special = false;
      for (int k = offset; k < end; k++) special |= "~!@#%^&|`?".indexOf(sql.charAt(k)) >= 0;
      while (!special && end - offset > 1 && (sql.charAt(end - 1) == '+' || sql.charAt(end - 1) == '-')) {
        end--;
      }
    }
    return sql.substring(offset, end);
  }

  private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";

  private static int quotedEnd(String sql, int from, char quote, boolean backslashes) {
    int j = from;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if (backslashes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return sql.length();
  }
}
