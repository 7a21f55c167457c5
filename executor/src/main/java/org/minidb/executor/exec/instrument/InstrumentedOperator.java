package org.minidb.executor.exec.instrument;

import org.minidb.executor.exec.Operator;

/**
 * An operator under EXPLAIN ANALYZE: times and counts every call into it for its plan node (PostgreSQL wraps
 * ExecProcNode the same way). Only EXPLAIN ANALYZE builds these, so plain execution pays nothing.
 */
final class InstrumentedOperator implements Operator {
  private final Operator inner;
  private final NodeInstrumentation instr;

  InstrumentedOperator(Operator inner, NodeInstrumentation instr) {
    this.inner = inner;
    this.instr = instr;
  }

  @Override
  public void open() {
    instr.endLoop(); // a re-open starts a new loop
    instr.start();
    try {
      inner.open();
    } finally {
      instr.stop(true, false);
    }
  }

  @Override
  public Object[] next() {
    instr.start();
    Object[] row = inner.next();
    instr.stop(false, row != null);
    return row;
  }

  @Override
  public void close() {
    instr.endLoop();
    if (inner.unwrapped() instanceof OperatorUsage.Reporting r) {
      OperatorUsage u = r.usage();
      if (u != null) instr.operatorUsage = u;
    }
    inner.close();
  }

  @Override
  public Operator unwrapped() { return inner.unwrapped(); }
}
