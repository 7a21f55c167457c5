package org.minidb.executor.expr;

import org.minidb.executor.exec.ExecContext;

/** A constant (its Java value per PgType; null is SQL NULL). Visible as a record so builders can fold it. */
public record Literal(Object value) implements Expr {
  @Override
  public Object eval(Object[] row, ExecContext ctx) { return value; }
}
