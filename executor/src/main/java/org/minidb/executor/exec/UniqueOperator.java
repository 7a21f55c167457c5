package org.minidb.executor.exec;

import java.util.Comparator;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.common.types.ValueComparator;
import org.minidb.executor.plan.UniqueNode;

/** Streams the first row of each run of rows equal on the key columns; keeps only the last passed keys. */
final class UniqueOperator implements Operator {
  private final Operator input;
  private final int[] keys;
  private final Comparator<Object>[] comparators;
  private Object[] last;

  @SuppressWarnings("unchecked")
  UniqueOperator(Operator input, UniqueNode node) {
    this.input = input;
    this.keys = node.keys();
    List<DataType> types = node.input().outputTypes();
    this.comparators = new Comparator[keys.length];
    for (int i = 0; i < keys.length; i++) comparators[i] = ValueComparator.forType(types.get(keys[i]).type());
  }

  @Override
  public void open() {
    last = null;
    input.open();
  }

  @Override
  public Object[] next() {
    Object[] row;
    while ((row = input.next()) != null) {
      if (last == null || !sameKeys(row)) {
        // Input rows may be reused by the operator below: keep a copy of the keys.
        last = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) last[i] = row[keys[i]];
        return row;
      }
    }
    return null;
  }

  private boolean sameKeys(Object[] row) {
    for (int i = 0; i < keys.length; i++) {
      Object a = last[i];
      Object b = row[keys[i]];
      if (a == null || b == null) {
        if (a != b) return false;
      } else if (comparators[i].compare(a, b) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() { input.close(); }
}
