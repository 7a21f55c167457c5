package org.minidb.executor.plan;

import java.util.List;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.expr.Expr;

/**
 * The key conditions of an index scan's equality prefix that are not one value: they stand in
 * {@link IndexScanNode#equal()} where a value expression would, and the scan expands them into several key
 * ranges or a NULL key. They are markers, never evaluated as expressions.
 */
public final class IndexKeyValues {
  private IndexKeyValues() {}

  /**
   * {@code col IS NULL}: the key column's NULL (a scan for the NULL entries, which an equality never matches).
   */
  public static final Expr IS_NULL = new Expr() {
    @Override
    public Object eval(Object[] row, ExecContext ctx) {
      throw new IllegalStateException("IS NULL key condition evaluated as an expression");
    }

    @Override
    public String toString() { return "IS NULL"; }
  };

  /**
   * {@code col = ANY (values)} from an IN list: one scan of the key range per distinct non-null value, in key
   * order (PostgreSQL's ScalarArrayOpExpr index qual). The values read no row: constants and parameters.
   */
  public record AnyOf(List<Expr> values) implements Expr {
    public AnyOf {
      values = List.copyOf(values);
    }

    @Override
    public Object eval(Object[] row, ExecContext ctx) {
      throw new IllegalStateException("= ANY key condition evaluated as an expression");
    }
  }
}
