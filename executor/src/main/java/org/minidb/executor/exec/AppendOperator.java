package org.minidb.executor.exec;

import java.util.List;

/** Reads each input to its end, in order; an input is opened only when its turn comes. */
final class AppendOperator implements Operator {
  private final List<Operator> inputs;
  private int current;
  private boolean opened;

  AppendOperator(List<Operator> inputs) { this.inputs = inputs; }

  @Override
  public void open() {
    current = 0;
    opened = false;
  }

  @Override
  public Object[] next() {
    while (current < inputs.size()) {
      Operator in = inputs.get(current);
      if (!opened) {
        in.open();
        opened = true;
      }
      Object[] row = in.next();
      if (row != null) return row;
      in.close();
      current++;
      opened = false;
    }
    return null;
  }

  @Override
  public void close() { Executor.closeAll(inputs.toArray(new AutoCloseable[0])); }
}
