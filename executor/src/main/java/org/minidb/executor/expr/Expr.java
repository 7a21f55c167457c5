package org.minidb.executor.expr;

import org.minidb.executor.exec.ExecContext;

/**
 * A compiled scalar expression: built once per plan (by the planner, from the executor's building blocks in
 * this package) and evaluated per row without reflection or interpretation of a tree of names. Values are
 * the Java representations of {@link org.minidb.common.types.PgType}; SQL NULL is null.
 *
 * <p>Implementations are immutable and thread-safe; per-execution state lives in the {@link ExecContext}
 * (parameters, transaction, time of the statement).
 */
@FunctionalInterface
public interface Expr {
  Object eval(Object[] row, ExecContext ctx);
}
