package org.minidb.executor.exec;

import java.util.List;
import org.minidb.executor.expr.Expr;

/** Computes the output columns from each input row, into a fresh array per row (callers may keep it). */
final class ProjectOperator implements Operator {
  private final Operator input;
  private final Expr[] expressions;
  private final ExecContext ctx;

  ProjectOperator(Operator input, List<Expr> expressions, ExecContext ctx) {
    this.input = input;
    this.expressions = expressions.toArray(Expr[]::new);
    this.ctx = ctx;
  }

  @Override
  public void open() { input.open(); }

  @Override
  public Object[] next() {
    Object[] in = input.next();
    if (in == null) return null;
    Object[] out = new Object[expressions.length];
    for (int i = 0; i < out.length; i++) out[i] = expressions[i].eval(in, ctx);
    return out;
  }

  @Override
  public void close() { input.close(); }
}
