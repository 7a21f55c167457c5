package org.minidb.planner.parse;

/**
 * Maps the parser's (line, column) token coordinates back to offsets in the statement text, the way JavaCC's
 * character stream counts them: lines end at {@code \n}, {@code \r} or {@code \r\n}, columns are 1-based
 * UTF-16 units (the parser runs with a tab size of 1, so a tab is one column).
 */
public final class PgSourceText {
  private PgSourceText() {}

  /** The text from (firstLine, firstColumn) to (lastLine, lastColumn), both inclusive. */
  public static String between(String sql, int firstLine, int firstColumn, int lastLine, int lastColumn) {
    int from = offset(sql, firstLine, firstColumn);
    int to = offset(sql, lastLine, lastColumn) + 1;
    return sql.substring(from, Math.min(to, sql.length()));
  }

  /** 0-based offset of the 1-based (line, column), clamped to the text's length. */
  public static int offset(String sql, int line, int column) {
    int pos = 0;
    for (int l = 1; l < line && pos < sql.length(); l++) {
      pos = nextLineStart(sql, pos);
    }
    return Math.min(sql.length(), pos + Math.max(0, column - 1));
  }

  private static int nextLineStart(String sql, int from) {
    for (int i = from; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\n') {
        return i + 1;
      }
      if (c == '\r') {
        return i + 1 < sql.length() && sql.charAt(i + 1) == '\n' ? i + 2 : i + 1;
      }
    }
    return sql.length();
  }
}
