package org.minidb.executor.exec;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.AggregateNode;

/**
 * Hash aggregation: one pass over the input into a table of groups (key: the group columns normalized by
 * PostgreSQL's equality), then one output row per group: the group columns (the first value seen of each
 * group), then the aggregates. Without group columns there is exactly one group, even over no input.
 *
 * <p>In memory for now; spilling groups to disk past work_mem (hash partitioning) goes in {@link #open}.
 */
final class HashAggregateOperator implements Operator {
  private final Operator input;
  private final int[] groupColumns;
  private final int[] argColumns;
  private final List<Supplier<Accumulator>> factories;
  private final RowKey.Extractor keys;
  private Iterator<Map.Entry<Object, Group>> results;

  private record Group(Object[] groupValues, Accumulator[] accumulators) {}

  HashAggregateOperator(Operator input, AggregateNode node) {
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
    Map<Object, Group> groups = new LinkedHashMap<>();
    if (groupColumns.length == 0) {
      // One group: no key to build or hash per row (a plain aggregate over a big scan is the common case).
      Group g = newGroup(new Object[0]);
      groups.put(new RowKey(new Object[0]), g);
      accumulateAll(g.accumulators());
      results = groups.entrySet().iterator();
      return;
    }
    Object[] row;
    while ((row = input.next()) != null) {
      Object k = keys.hashKey(row);
      Group g = groups.get(k);
      if (g == null) {
        Object[] gv = new Object[groupColumns.length];
        for (int i = 0; i < gv.length; i++) gv[i] = row[groupColumns[i]];
        g = newGroup(gv);
        groups.put(k, g);
      }
      Accumulator[] acc = g.accumulators();
      for (int i = 0; i < acc.length; i++) acc[i].add(argColumns[i] < 0 ? null : row[argColumns[i]]);
    }
    results = groups.entrySet().iterator();
  }

  private void accumulateAll(Accumulator[] acc) {
    Object[] row;
    if (acc.length == 1) {
      Accumulator a = acc[0];
      int arg = argColumns[0];
      while ((row = input.next()) != null) a.add(arg < 0 ? null : row[arg]);
      return;
    }
    while ((row = input.next()) != null) {
      for (int i = 0; i < acc.length; i++) acc[i].add(argColumns[i] < 0 ? null : row[argColumns[i]]);
    }
  }

  private Group newGroup(Object[] groupValues) {
    Accumulator[] acc = new Accumulator[factories.size()];
    for (int i = 0; i < acc.length; i++) acc[i] = factories.get(i).get();
    return new Group(groupValues, acc);
  }

  @Override
  public Object[] next() {
    if (results == null || !results.hasNext()) return null;
    Group g = results.next().getValue();
    results.remove();
    Object[] out = new Object[groupColumns.length + g.accumulators().length];
    System.arraycopy(g.groupValues(), 0, out, 0, groupColumns.length);
    for (int i = 0; i < g.accumulators().length; i++) out[groupColumns.length + i] = g.accumulators()[i].result();
    return out;
  }

  @Override
  public void close() {
    results = null;
    input.close();
  }
}
