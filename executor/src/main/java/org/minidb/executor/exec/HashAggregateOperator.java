package org.minidb.executor.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.minidb.executor.exec.instrument.OperatorUsage;
import org.minidb.executor.plan.AggregateCall;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.spill.HashPartitions;
import org.minidb.executor.spill.RowMemory;
import org.minidb.executor.spill.RowSource;
import org.minidb.executor.spill.SpillFile;
import org.minidb.executor.spill.TempFileSpace;

/**
 * Hash aggregation: one pass over the input into a table of groups (key: the group columns normalized by
 * PostgreSQL's equality), then one output row per group: the group columns (the first value seen of each
 * group), then the aggregates. Without group columns there is exactly one group, even over no input.
 *
 * <p>Past work_mem it spills as PostgreSQL 13+ does: once the table's estimated size exceeds work_mem, no new
 * group enters it; a row of a group not in the table is written, whole, to a temporary file chosen by its key's
 * hash ({@link HashPartitions}), while rows of groups already in the table keep updating them. After the input
 * ends the table's groups are returned, then each partition is aggregated the same way, one at a time, with
 * a fresh table (and split again, at the next level, if its groups still do not fit). Each round admits at
 * least one group, so every round makes progress. Spilled rows carry the group's first value, so the output
 * is the same as in memory, in another order.
 */
final class HashAggregateOperator implements Operator, OperatorUsage.Reporting {
  /** Partitions per spill; PostgreSQL picks 4 to 256 from estimates, we have none at this point. */
  private static final int PARTITIONS = 32;
  /** Per-group overhead besides its key and values: the Group record, accumulator array, map entry. */
  private static final int GROUP_OVERHEAD = 24 + 16 + RowMemory.HASH_ENTRY;
  /** An accumulator's rough size (its object and a boxed or BigDecimal state). */
  private static final int ACCUMULATOR_BYTES = 48;

  private final Operator input;
  private final int[] groupColumns;
  private final int[] argColumns;
  private final List<Supplier<Accumulator>> factories;
  private final RowKey.Extractor keys;
  private final ExecContext ctx;
  private Iterator<Map.Entry<Object, Group>> results;
  /** Partitions written and not yet aggregated, with the level they were written at. */
  private final Deque<Spilled> pending = new ArrayDeque<>();
  /** EXPLAIN ANALYZE's figures, kept per table and per spill, never per row. */
  private long batches;
  private long peakBytes;
  private long diskBytes;

  private record Group(Object[] groupValues, Accumulator[] accumulators) {}

  private record Spilled(SpillFile file, int level) {}

  HashAggregateOperator(Operator input, AggregateNode node, ExecContext ctx) {
    this.input = input;
    this.ctx = ctx;
    this.groupColumns = node.groupColumns().clone();
    List<AggregateCall> calls = node.aggregates();
    this.argColumns = calls.stream().mapToInt(AggregateCall::argument).toArray();
    this.factories = calls.stream().map(Accumulator::factory).toList();
    this.keys = new RowKey.Extractor(groupColumns, node.input().outputTypes());
  }

  @Override
  public void open() {
    input.open();
    if (groupColumns.length == 0) {
      // One group: no key to build or hash per row (a plain aggregate over a big scan is the common case).
      Map<Object, Group> groups = new LinkedHashMap<>();
      Group g = newGroup(new Object[0]);
      groups.put(new RowKey(new Object[0]), g);
      accumulateAll(g.accumulators());
      results = groups.entrySet().iterator();
      return;
    }
    batches = 1;
    results = aggregate(input::next, 0);
  }

  /**
   * Aggregates {@code rows} into a new table; rows of groups that do not fit go to partitions of {@code level}.
   * A group keeps only values of the row, never the row array (an operator may reuse it).
   */
  private Iterator<Map.Entry<Object, Group>> aggregate(RowSource rows, int level) {
    Map<Object, Group> groups = new LinkedHashMap<>();
    TempFileSpace space = ctx.tempFiles();
    long limit = ctx.workMemBytes();
    long used = 0;
    int perGroup = GROUP_OVERHEAD + ACCUMULATOR_BYTES * factories.size();
    try (HashPartitions spill = space == null ? null : new HashPartitions(space, PARTITIONS, level)) {
      Object[] row;
      while ((row = rows.next()) != null) {
        Object k = keys.hashKey(row);
        Group g = groups.get(k);
        if (g == null) {
          if (spill != null && used > limit) {
            spill.write(k.hashCode(), row);
            continue;
          }
          Object[] gv = new Object[groupColumns.length];
          for (int i = 0; i < gv.length; i++) gv[i] = row[groupColumns[i]];
          g = newGroup(gv);
          groups.put(k, g);
          used += perGroup + 2 * RowMemory.of(gv); // the values and (about as big) their normalized key
        }
        Accumulator[] acc = g.accumulators();
        for (int i = 0; i < acc.length; i++) acc[i].add(argColumns[i] < 0 ? null : row[argColumns[i]]);
      }
      if (spill != null) {
        for (SpillFile f : spill.finish()) {
          if (f == null) continue;
          pending.addLast(new Spilled(f, level + 1));
          diskBytes += f.bytes();
        }
      }
    }
    peakBytes = Math.max(peakBytes, used);
    return groups.entrySet().iterator();
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
    if (results == null) return null;
    while (!results.hasNext()) {
      Spilled p = pending.pollFirst();
      if (p == null) return null;
      try (SpillFile f = p.file()) {
        batches++;
        results = aggregate(f, p.level());
      }
    }
    Group g = results.next().getValue();
    results.remove();
    Object[] out = new Object[groupColumns.length + g.accumulators().length];
    System.arraycopy(g.groupValues(), 0, out, 0, groupColumns.length);
    for (int i = 0; i < g.accumulators().length; i++) out[groupColumns.length + i] = g.accumulators()[i].result();
    return out;
  }

  /** PostgreSQL shows these for a HashAggregate only (grouped), not for a plain Aggregate. */
  @Override
  public OperatorUsage usage() {
    if (groupColumns.length == 0 || batches == 0) return null;
    return new OperatorUsage.HashAgg(batches, OperatorUsage.kilobytes(peakBytes), OperatorUsage.kilobytes(diskBytes));
  }

  @Override
  public void close() {
    results = null;
    List<SpillFile> files = new ArrayList<>();
    for (Spilled p : pending) files.add(p.file());
    pending.clear();
    try {
      SpillFile.closeAll(files);
    } finally {
      input.close();
    }
  }
}
