package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.minidb.common.types.ValueComparator;
import org.minidb.executor.plan.SortKey;

/**
 * {@code string_agg(value, delimiter [ORDER BY ...])}. The aggregate's one input column carries, per row,
 * the packed array {@code {value, delimiter, key 1, key 2, ...}} (built by a projection below the aggregate,
 * {@code Exprs.stringAggInput}), so that the aggregation operator stays one-argument. NULL values are skipped; each
 * value but the first is preceded by its own row's delimiter (NULL: none), as in PostgreSQL; the result is
 * NULL over no values. With ORDER BY the rows are kept and sorted at the end (keys index the packed array:
 * key {@code i} is element {@code 2 + i}).
 */
final class StringAgg extends Accumulator {
  private final Comparator<Object[]> order;
  private final List<Object[]> rows;
  private final StringBuilder text = new StringBuilder();
  private boolean any;

  StringAgg(List<SortKey> keys) {
    this.order = keys.isEmpty() ? null : comparator(keys);
    this.rows = keys.isEmpty() ? null : new ArrayList<>();
  }

  @Override
  void add(Object v) {
    if (v == null) return;
    Object[] p = (Object[]) v;
    if (p[0] == null) return;
    if (rows != null) rows.add(p);
    else append(p);
  }

  private void append(Object[] p) {
    if (any && p[1] != null) text.append((String) p[1]);
    text.append((String) p[0]);
    any = true;
  }

  @Override
  Object result() {
    if (rows != null) {
      rows.sort(order);
      for (Object[] p : rows) append(p);
      rows.clear();
    }
    return any ? text.toString() : null;
  }

  private static Comparator<Object[]> comparator(List<SortKey> keys) {
    Comparator<Object[]> c = null;
    for (SortKey k : keys) {
      Comparator<Object> values = ValueComparator.forType(k.type().type());
      int col = k.column();
      Comparator<Object[]> one = (a, b) -> {
        Object x = a[col];
        Object y = b[col];
        if (x == null || y == null) {
          if (x == y) return 0;
          return (x == null) == k.nullsFirst() ? -1 : 1;
        }
        int r = values.compare(x, y);
        return k.descending() ? -r : r;
      };
      c = c == null ? one : c.thenComparing(one);
    }
    return c;
  }
}
