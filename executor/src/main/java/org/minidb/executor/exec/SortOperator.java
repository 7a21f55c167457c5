package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.minidb.common.types.ValueComparator;
import org.minidb.executor.plan.SortKey;

/**
 * Sort: reads its whole input (copying the rows, which the input may reuse), sorts them with PostgreSQL's
 * ordering per key type, direction and NULL placement, then returns them. The sort is stable.
 *
 * <p>In memory for now. The external sort goes here: once the copied rows exceed
 * {@link ExecContext#workMemBytes()}, sort the run, write it to a temporary file and merge the runs at the end.
 */
final class SortOperator implements Operator {
  private final Operator input;
  private final Comparator<Object[]> order;
  private List<Object[]> rows;
  private int next;

  SortOperator(Operator input, List<SortKey> keys) {
    this.input = input;
    this.order = rowOrder(keys);
  }

  /** The row ordering for a list of sort keys. */
  static Comparator<Object[]> rowOrder(List<SortKey> keys) {
    Comparator<Object[]> c = null;
    for (SortKey k : keys) {
      Comparator<Object> values = ValueComparator.forType(k.type().type());
      int col = k.column();
      int dir = k.descending() ? -1 : 1;
      int nullOrder = k.nullsFirst() ? -1 : 1;
      Comparator<Object[]> kc = (a, b) -> {
        Object x = a[col];
        Object y = b[col];
        if (x == null || y == null) {
          if (x == y) return 0;
          return x == null ? nullOrder : -nullOrder;
        }
        return dir * values.compare(x, y);
      };
      c = c == null ? kc : c.thenComparing(kc);
    }
    return c == null ? (a, b) -> 0 : c;
  }

  @Override
  public void open() {
    input.open();
    rows = new ArrayList<>();
    Object[] row;
    while ((row = input.next()) != null) rows.add(row.clone());
    rows.sort(order);
    next = 0;
  }

  @Override
  public Object[] next() {
    if (rows == null || next >= rows.size()) return null;
    Object[] row = rows.get(next);
    rows.set(next++, null); // let the row go once returned
    return row;
  }

  @Override
  public void close() {
    rows = null;
    input.close();
  }
}
