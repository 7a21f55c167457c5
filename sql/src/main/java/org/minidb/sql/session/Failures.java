package org.minidb.sql.session;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure that escaped a statement into the ErrorResponse PostgreSQL would give for it, so that a
 * bug in one statement (an assertion inside the planner, a runaway recursion) aborts only that statement,
 * never the session or the server. OutOfMemoryError and other VM errors are not caught here: the process
 * may be unusable after them.
 */
final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  /** Whether the session may survive {@code t} by failing the statement. */
  static boolean isStatementFailure(Throwable t) {
    return t instanceof RuntimeException || t instanceof AssertionError || t instanceof StackOverflowError
        || t instanceof LinkageError;
  }

  static DbException toDbException(Throwable t) {
    if (t instanceof DbException e) return e;
    if (t instanceof StackOverflowError) {
      return DbException.of(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded", t)
          .withHint("The statement is too deeply nested.");
    }
    // A bug, not a user error: keep the stack in the server log (the client sees XX000 only).
    log.warn("internal error in a statement", t);
    return DbException.internal(t.getClass().getSimpleName() + ": " + t.getMessage(), t);
  }
}
