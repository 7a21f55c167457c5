package org.minidb.executor.expr;

import org.minidb.executor.exec.ExecContext;

/** The value of column {@code index} (0-based) of the input row. */
public record ColumnRef(int index) implements Expr {
  @Override
  public Object eval(Object[] row, ExecContext ctx) { return row[index]; }
}
