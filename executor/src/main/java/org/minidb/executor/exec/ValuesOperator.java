package org.minidb.executor.exec;

import java.util.List;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.ValuesNode;

/** Evaluates literal rows (which may contain parameters) one at a time. */
final class ValuesOperator implements Operator {
  private static final Object[] EMPTY = new Object[0];
  private final List<List<Expr>> rows;
  private final ExecContext ctx;
  private int next;

  ValuesOperator(ValuesNode node, ExecContext ctx) {
    this.rows = node.rows();
    this.ctx = ctx;
  }

  @Override
  public void open() { next = 0; }

  @Override
  public Object[] next() {
    ctx.checkForInterrupts();
    if (next >= rows.size()) return null;
    List<Expr> exprs = rows.get(next++);
    Object[] out = new Object[exprs.size()];
    for (int i = 0; i < out.length; i++) out[i] = exprs.get(i).eval(EMPTY, ctx);
    return out;
  }

  @Override
  public void close() {}
}
