package org.minidb.sql.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple-query string into statements at top-level semicolons, as PostgreSQL's lexer does: a
 * semicolon inside a quoted string ({@code '...'}, {@code E'...'} with backslash escapes), a quoted
 * identifier, a dollar-quoted string ({@code $tag$...$tag$}) or a comment ({@code -- ...}, nested
 * {@code /* ... * /}) does not end a statement. Statements that hold only white space and comments are
 * dropped, so an empty result means EmptyQueryResponse.
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  public static List<StatementText> split(String sql) {
    List<StatementText> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = sql.length();
    boolean meaningful = false;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == ';') {
        add(out, sql, start, i, meaningful);
        start = i + 1;
        meaningful = false;
        i++;
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = skipLineComment(sql, i);
        continue;
      }
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = skipBlockComment(sql, i);
        continue;
      }
      if (!Character.isWhitespace(c)) meaningful = true;
      if (c == '\'') {
        boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
            && (i < 2 || !isIdentifierChar(sql.charAt(i - 2)));
        i = skipQuoted(sql, i, '\'', escapes);
      } else if (c == '"') {
        i = skipQuoted(sql, i, '"', false);
      } else if (c == '$' && (i == 0 || !isIdentifierChar(sql.charAt(i - 1)))) {
        i = skipDollarQuoted(sql, i);
      } else {
        i++;
      }
    }
    add(out, sql, start, n, meaningful);
    return out;
  }

  private static void add(List<StatementText> out, String sql, int from, int to, boolean meaningful) {
    if (meaningful) out.add(new StatementText(sql.substring(from, to), from));
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static int skipLineComment(String sql, int i) {
    int end = sql.indexOf('\n', i);
    return end < 0 ? sql.length() : end + 1;
  }

  /** Block comments nest in PostgreSQL. An unterminated one runs to the end (the parser reports it). */
  private static int skipBlockComment(String sql, int i) {
    int depth = 0;
    int n = sql.length();
    while (i < n) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) return i;
      } else {
        i++;
      }
    }
    return n;
  }

  /** Skips a quoted token starting at {@code i}; a doubled quote is an escaped quote. */
  private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
    int n = sql.length();
    i++;
    while (i < n) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < n && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** {@code $tag$ ... $tag$}; a {@code $} that does not open a dollar quote (e.g. {@code $1}) is skipped. */
  private static int skipDollarQuoted(String sql, int i) {
    int n = sql.length();
    int j = i + 1;
    while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      if (j == i + 1 && Character.isDigit(sql.charAt(j))) return i + 1; // a parameter like $1
      j++;
    }
    if (j >= n || sql.charAt(j) != '$') return i + 1;
    String tag = sql.substring(i, j + 1);
    int end = sql.indexOf(tag, j + 1);
    return end < 0 ? n : end + tag.length();
  }
}
