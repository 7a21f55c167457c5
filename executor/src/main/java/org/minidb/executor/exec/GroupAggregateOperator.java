package org.minidb.executor.exec;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.GroupAggregateNode;

/**
 * Sorted aggregation (PostgreSQL's AGG_SORTED): the input's rows of a group are adjacent, so one group's
 * accumulators are kept at a time and a group is returned when the first row of the next one arrives (or the
 * input ends). Groups are compared by PostgreSQL's equality (normalized keys, as the hash aggregate's; NULLs
 * form one group). Memory: one group, whatever the number of groups.
 */
final class GroupAggregateOperator implements Operator {
  private final Operator input;
  private final int[] groupColumns;
  private final int[] argColumns;
  private final List<Supplier<Accumulator>> factories;
  private final RowKey.Extractor keys;
  /** The first row of the next group, already read (null: none yet, or the input ended). */
  private Object[] pending;
  private Object pendingKey;
  private boolean done;

  GroupAggregateOperator(Operator input, GroupAggregateNode node) {
    this.input = input;
    this.groupColumns = node.groupColumns().clone();
    List<AggregateCall> calls = node.aggregates();
    this.argColumns = calls.stream().mapToInt(AggregateCall::argument).toArray();
    this.factories = calls.stream().map(Accumulator::factory).toList();
    this.keys = new RowKey.Extractor(groupColumns, node.input().outputTypes());
  }

  @Override
  public void open() {
    input.open();
    pending = null;
    done = false;
  }

  @Override
  public Object[] next() {
    if (done) return null;
    if (pending == null) {
      Object[] first = input.next();
      if (first == null) {
        done = true;
        return null;
      }
      pending = first;
      pendingKey = keys.hashKey(first);
    }
    Object[] out = new Object[groupColumns.length + factories.size()];
    for (int i = 0; i < groupColumns.length; i++) out[i] = pending[groupColumns[i]];
    Object key = pendingKey;
    Accumulator[] acc = new Accumulator[factories.size()];
    for (int i = 0; i < acc.length; i++) acc[i] = factories.get(i).get();
    Object[] row = pending;
    while (true) {
      for (int i = 0; i < acc.length; i++) acc[i].add(argColumns[i] < 0 ? null : row[argColumns[i]]);
      row = input.next();
      if (row == null) {
        done = true;
        pending = null;
        break;
      }
      Object k = keys.hashKey(row);
      if (!Objects.equals(k, key)) {
        pending = row.clone(); // the input may reuse its row array
        pendingKey = k;
        break;
      }
    }
    for (int i = 0; i < acc.length; i++) out[groupColumns.length + i] = acc[i].result();
    return out;
  }

  @Override
  public void close() {
    pending = null;
    input.close();
  }
}
