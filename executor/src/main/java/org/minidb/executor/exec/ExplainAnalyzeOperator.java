package org.minidb.executor.exec;

import java.util.Iterator;
import org.minidb.executor.exec.instrument.Instrumentation;
import org.minidb.executor.plan.ExplainAnalyzeNode;

/**
 * EXPLAIN ANALYZE: at open, runs the explained statement's instrumented operators to the end (discarding its
 * rows, as PostgreSQL does), closes them, and renders the report; then returns its lines as rows.
 */
final class ExplainAnalyzeOperator implements Operator {
  private final ExplainAnalyzeNode node;
  private final ExecContext ctx;
  private Iterator<String> lines;

  ExplainAnalyzeOperator(ExplainAnalyzeNode node, ExecContext ctx) {
    this.node = node;
    this.ctx = ctx;
  }

  @Override
  public void open() {
    Instrumentation instrumentation = new Instrumentation(node.timing(), node.buffers());
    long start = System.nanoTime();
    try (Operator op = Executor.build(node.statement(), ctx, instrumentation)) {
      op.open();
      while (op.next() != null) {
        ctx.checkForInterrupts();
      }
    }
    long executionNanos = System.nanoTime() - start;
    lines = node.report().render(instrumentation, executionNanos).iterator();
  }

  @Override
  public Object[] next() {
    return lines != null && lines.hasNext() ? new Object[] {lines.next()} : null;
  }

  @Override
  public void close() {
    lines = null;
  }
}
