package org.minidb.sql.session;

import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Operator;

/**
 * A bound statement ready to run (from Bind). A SELECT portal that Execute stops at a row limit keeps its
 * open operator tree and context, so the next Execute resumes where it stopped (PortalSuspended). Portals
 * die with the transaction they ran in, as in PostgreSQL.
 */
final class Portal {
  final PreparedStatementEntry statement;
  final Object[] parameters;
  final short[] resultFormats;
  Operator operator;
  ExecContext context;
  boolean done;

  Portal(PreparedStatementEntry statement, Object[] parameters, short[] resultFormats) {
    this.statement = statement;
    this.parameters = parameters;
    this.resultFormats = resultFormats;
  }

  /** Releases the open operator tree, if any. */
  void closeExecution() {
    Operator op = operator;
    operator = null;
    context = null;
    if (op != null) op.close();
  }
}
