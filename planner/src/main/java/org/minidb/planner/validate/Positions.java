package org.minidb.planner.validate;

import org.apache.calcite.sql.parser.SqlParserPos;

/** Converts Calcite's (line, column) positions into PostgreSQL's 1-based character offsets. */
public final class Positions {
  private Positions() {}

  /** The 1-based offset of (line, column) in {@code sql}, or 0 when unknown. */
  public static int offset(String sql, int line, int column) {
    if (line <= 0 || column <= 0) return 0;
    int index = 0;
    for (int l = 1; l < line; l++) {
      int nl = sql.indexOf('\n', index);
      if (nl < 0) return 0;
      index = nl + 1;
    }
    int offset = index + column;
    return offset <= sql.length() + 1 ? offset : 0;
  }

  public static int offset(String sql, SqlParserPos pos) {
    return pos == null ? 0 : offset(sql, pos.getLineNum(), pos.getColumnNum());
  }
}
