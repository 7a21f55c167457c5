package org.minidb.executor.exec;

import org.minidb.common.error.DbException;
import org.minidb.executor.expr.Expr;

/** OFFSET then LIMIT; stops pulling from its input once the limit is reached. NULL means no limit / offset 0. */
final class LimitOperator implements Operator {
  private static final Object[] EMPTY = new Object[0];
  private final Operator input;
  private final Expr offsetExpr;
  private final Expr limitExpr;
  private final ExecContext ctx;
  private long toSkip;
  private long remaining;

  LimitOperator(Operator input, Expr offset, Expr limit, ExecContext ctx) {
    this.input = input;
    this.offsetExpr = offset;
    this.limitExpr = limit;
    this.ctx = ctx;
  }

  @Override
  public void open() {
    toSkip = bound(offsetExpr, 0, "2201X", "OFFSET must not be negative");
    remaining = bound(limitExpr, Long.MAX_VALUE, "2201W", "LIMIT must not be negative");
    // A sort below needs to keep only the rows this limit can return (PostgreSQL's ExecSetTupleBound).
    if (input.unwrapped() instanceof SortOperator sort && remaining != Long.MAX_VALUE && remaining > 0) {
      long needed = toSkip + remaining;
      sort.setBound(needed < 0 ? 0 : needed); // overflow: no bound
    }
    input.open();
  }

  private long bound(Expr e, long absent, String state, String message) {
    if (e == null) return absent;
    Object v = e.eval(EMPTY, ctx);
    if (v == null) return absent;
    long n = ((Number) v).longValue();
    if (n < 0) throw DbException.of(state, message);
    return n;
  }

  @Override
  public Object[] next() {
    if (remaining <= 0) return null;
    while (toSkip > 0) {
      if (input.next() == null) {
        remaining = 0;
        return null;
      }
      toSkip--;
    }
    Object[] row = input.next();
    if (row == null) {
      remaining = 0;
      return null;
    }
    remaining--;
    return row;
  }

  @Override
  public void close() { input.close(); }
}
