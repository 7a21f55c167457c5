package org.minidb.executor.expr;

import org.minidb.executor.exec.ExecContext;

/**
 * A value set during execution by the node above (PostgreSQL's PARAM_EXEC): a parameterized Index Scan's key
 * bound reads the current outer row's join key, which its Nested Loop stores in slot {@code slot} before each
 * rescan of the inner side.
 */
public record ExecParamRef(int slot) implements Expr {
  @Override
  public Object eval(Object[] row, ExecContext ctx) { return ctx.execParam(slot); }
}
