package org.minidb.executor.expr;

import org.minidb.executor.exec.ExecContext;

/** A bound parameter: {@code index} is 0-based, so {@code $1} is {@code ParameterRef(0)}. */
public record ParameterRef(int index) implements Expr {
  @Override
  public Object eval(Object[] row, ExecContext ctx) { return ctx.parameter(index); }
}
