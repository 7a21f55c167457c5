package org.minidb.executor.exec.instrument;

import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.expr.Expr;

/**
 * A node's filter (or join filter) under EXPLAIN ANALYZE: evaluates the compiled predicate and counts the rows
 * it rejects (FALSE or NULL), PostgreSQL's {@code Rows Removed by Filter}. Built only for EXPLAIN ANALYZE, so
 * plain execution evaluates the bare predicate.
 */
final class CountingPredicate implements Expr {
  private final Expr predicate;
  private final NodeInstrumentation node;
  private final boolean join;

  CountingPredicate(Expr predicate, NodeInstrumentation node, boolean join) {
    this.predicate = predicate;
    this.node = node;
    this.join = join;
  }

  @Override
  public Object eval(Object[] row, ExecContext ctx) {
    Object v = predicate.eval(row, ctx);
    if (!Boolean.TRUE.equals(v)) {
      if (join) node.removedByJoinFilter++;
      else node.removedByFilter++;
    }
    return v;
  }
}
