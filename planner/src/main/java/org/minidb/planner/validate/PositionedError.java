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

  public PositionedError(String sqlState, String message, SqlParserPos pos, String hint) {
    super(message);
    this.sqlState = sqlState;
    this.pos = pos;
    this.hint = hint;
  }

  public DbException toDbException(String sql) {
    DbException e = DbException.of(sqlState, getMessage(), this).withPosition(Positions.offset(sql, pos));
    return hint == null ? e : e.withHint(hint);
  }
}
