package org.minidb.executor.exec;

import org.minidb.executor.expr.Expr;

/** Passes the rows for which the predicate is TRUE (neither FALSE nor NULL). */
final class FilterOperator implements Operator {
  private final Operator input;
  private final Expr predicate;
  private final ExecContext ctx;

  FilterOperator(Operator input, Expr predicate, ExecContext ctx) {
    this.input = input;
    this.predicate = predicate;
    this.ctx = ctx;
  }

  @Override
  public void open() { input.open(); }

  @Override
  public Object[] next() {
    Object[] row;
    while ((row = input.next()) != null) {
      if (Boolean.TRUE.equals(predicate.eval(row, ctx))) return row;
    }
    return null;
  }

  @Override
  public void close() { input.close(); }
}
