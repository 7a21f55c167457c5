package org.minidb.planner.validate;

import org.apache.calcite.sql.parser.SqlParserPos;
import org.minidb.common.error.DbException;

/**
 * A PostgreSQL error found during validation, positioned in Calcite's terms; the facade turns it into a
 * {@link DbException} with the character offset, since only it knows the statement text.
 */
public final class PositionedError extends RuntimeException {
  private final String sqlState;
  private final SqlParserPos pos;
  private final String hint;

  /** Whether the position is just after a node and must move on to the next token (an operator). */
  private final boolean nextToken;

  public PositionedError(String sqlState, String message, SqlParserPos pos, String hint) {
    this(sqlState, message, pos, hint, false);
  }

  private PositionedError(String sqlState, String message, SqlParserPos pos, String hint, boolean nextToken) {
    super(message);
    this.sqlState = sqlState;
    this.pos = pos;
    this.hint = hint;
    this.nextToken = nextToken;
  }

  /** An error PostgreSQL positions at the operator that follows {@code leftOperand}. */
  public static PositionedError atOperatorAfter(String sqlState, String message, SqlParserPos leftOperand,
      String hint) {
    SqlParserPos after = new SqlParserPos(leftOperand.getEndLineNum(), leftOperand.getEndColumnNum() + 1);
    return new PositionedError(sqlState, message, after, hint, true);
  }

  public DbException toDbException(ParsedSql parsed) {
    int position = parsed.position(pos);
    if (nextToken && position > 0) {
      String text = parsed.source().original();
      int i = text.offsetByCodePoints(0, position - 1);
      while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ')')) i++;
      position = text.codePointCount(0, i) + 1;
    }
    DbException e = DbException.of(sqlState, getMessage(), this).withPosition(position);
    return hint == null ? e : e.withHint(hint);
  }
}
