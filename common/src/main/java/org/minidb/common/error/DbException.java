package org.minidb.common.error;

/**
 * The one exception type of MiniDB. It carries what a PostgreSQL ErrorResponse carries: a severity, a
 * SQLSTATE, a message and optional detail, hint and cursor position. It is thrown where the error is known,
 * and travels unchanged to the client; a cause is always kept.
 */
public final class DbException extends RuntimeException {
  public enum Severity { ERROR, FATAL, PANIC }

  private final Severity severity;
  private final String sqlState;
  private final String detail;
  private final String hint;
  /** 1-based character position in the statement text, 0 when there is none. */
  private final int position;
  /** Where the error happened (ErrorResponse field W), e.g. {@code COPY t, line 3, column a: "x"}; or null. */
  private final String context;

  private DbException(Severity severity, String sqlState, String message, String detail, String hint,
      int position, Throwable cause) {
    this(severity, sqlState, message, detail, hint, position, null, cause);
  }

  private DbException(Severity severity, String sqlState, String message, String detail, String hint,
      int position, String context, Throwable cause) {
    super(message, cause);
    this.context = context;
    this.severity = severity;
    this.sqlState = sqlState;
    this.detail = detail;
    this.hint = hint;
    this.position = position;
  }

  public static DbException of(String sqlState, String message) {
    return new DbException(Severity.ERROR, sqlState, message, null, null, 0, null);
  }

  public static DbException of(String sqlState, String message, Throwable cause) {
    return new DbException(Severity.ERROR, sqlState, message, null, null, 0, cause);
  }

  public static DbException fatal(String sqlState, String message) {
    return new DbException(Severity.FATAL, sqlState, message, null, null, 0, null);
  }

  /** An internal error (XX000) for a condition that should not happen; keeps the cause. */
  public static DbException internal(String message, Throwable cause) {
    return new DbException(Severity.ERROR, SqlState.INTERNAL_ERROR, message, null, null, 0, cause);
  }

  public DbException withDetail(String detail) {
    return new DbException(severity, sqlState, getMessage(), detail, hint, position, context, getCause());
  }

  public DbException withHint(String hint) {
    return new DbException(severity, sqlState, getMessage(), detail, hint, position, context, getCause());
  }

  public DbException withPosition(int position) {
    return new DbException(severity, sqlState, getMessage(), detail, hint, position, context, getCause());
  }

  /** The same error with a CONTEXT line (PostgreSQL's error context callback, e.g. COPY's line). */
  public DbException withContext(String context) {
    return new DbException(severity, sqlState, getMessage(), detail, hint, position, context, getCause());
  }

  public DbException asFatal() {
    return new DbException(Severity.FATAL, sqlState, getMessage(), detail, hint, position, context, getCause());
  }

  public Severity severity() { return severity; }
  public String sqlState() { return sqlState; }
  public String detail() { return detail; }
  public String hint() { return hint; }
  public int position() { return position; }
  public String context() { return context; }
}
