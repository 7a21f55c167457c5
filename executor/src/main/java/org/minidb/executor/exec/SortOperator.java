package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.minidb.common.types.ValueComparator;
import org.minidb.executor.exec.instrument.OperatorUsage;
import org.minidb.executor.spill.ExternalSorter;
import org.minidb.executor.spill.RowMemory;
import org.minidb.executor.spill.RowSource;
import org.minidb.executor.plan.SortKey;

/**
 * Sort: reads its whole input (copying the rows, which the input may reuse), sorts them with PostgreSQL's
 * ordering per key type, direction and NULL placement, then returns them. The sort is stable.
 *
 * <p>The full sort is {@link ExternalSorter}'s: in memory while the copied rows fit in
 * {@link ExecContext#workMemBytes()}, else sorted runs in temporary files merged at the end (PostgreSQL's
 * "external merge"; rows with equal keys may then come out in any order, as in PostgreSQL). Closing the
 * operator deletes its temporary files, also after a failure.
 *
 * <p>Bounded (top-N) mode, PostgreSQL's {@code ExecSetTupleBound}: a LIMIT directly above tells the sort, before
 * {@link #open}, that only the first {@code bound} rows of its output will be read. The sort then keeps only the
 * {@code bound} smallest rows in a max-heap (O(n log bound) time, O(bound) memory, never on disk) instead of
 * copying and sorting its whole input. Ties are broken by input position, so the rows returned are exactly the first
 * {@code bound} rows of the stable full sort.
 */
final class SortOperator implements Operator, OperatorUsage.Reporting {
  private final Operator input;
  private final Comparator<Object[]> order;
  private final ExecContext ctx;
  private ExternalSorter sorter;
  private RowSource rows;
  private long bound;
  /** EXPLAIN ANALYZE: how the last sort went (set once per open, never per row). */
  private OperatorUsage.Sort usage;

  /** A row of the top-N heap with its input position (the tie-breaker that keeps the sort stable). */
  private record Ranked(Object[] row, long position) {}

  SortOperator(Operator input, List<SortKey> keys, ExecContext ctx) {
    this.input = input;
    this.ctx = ctx;
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

  /**
   * Only the first {@code bound} output rows will be read (0: all of them). Called before {@link #open}; it
   * only limits what is kept, never what is read from the input.
   */
  void setBound(long bound) {
    this.bound = bound;
  }

  @Override
  public void open() {
    input.open();
    rows = bound > 0 && bound < Integer.MAX_VALUE ? topN((int) bound) : all();
  }

  private RowSource all() {
    sorter = new ExternalSorter(order, ctx.workMemBytes(), ctx.tempFiles());
    Object[] row;
    while ((row = input.next()) != null) sorter.add(row.clone());
    RowSource sorted = sorter.sorted();
    usage = sorter.spilled()
        ? new OperatorUsage.Sort("external merge", true, OperatorUsage.kilobytes(sorter.diskBytes()))
        : new OperatorUsage.Sort("quicksort", false, OperatorUsage.kilobytes(sorter.peakMemoryBytes()));
    return sorted;
  }

  private RowSource topN(int n) {
    Comparator<Ranked> ranked = (a, b) -> {
      int c = order.compare(a.row(), b.row());
      return c != 0 ? c : Long.compare(a.position(), b.position());
    };
    // A max-heap of the n smallest rows seen so far: its head is the one to evict next.
    PriorityQueue<Ranked> heap = new PriorityQueue<>(Math.min(n, 1024) + 1, ranked.reversed());
    long position = 0;
    Object[] row;
    while ((row = input.next()) != null) {
      long p = position++;
      if (heap.size() < n) {
        heap.add(new Ranked(row.clone(), p));
      } else if (order.compare(row, heap.peek().row()) < 0) {
        // strictly smaller than the largest kept row; an equal one comes later in input order, so it loses
        heap.poll();
        heap.add(new Ranked(row.clone(), p));
      }
    }
    List<Ranked> kept = new ArrayList<>(heap);
    kept.sort(ranked);
    long bytes = 0;
    for (Ranked r : kept) bytes += RowMemory.of(r.row()) + 32;
    usage = new OperatorUsage.Sort("top-N heapsort", false, OperatorUsage.kilobytes(bytes));
    Iterator<Ranked> out = kept.iterator();
    return () -> out.hasNext() ? out.next().row() : null;
  }

  @Override
  public Object[] next() {
    return rows == null ? null : rows.next();
  }

  @Override
  public OperatorUsage usage() { return usage; }

  @Override
  public void close() {
    rows = null;
    ExternalSorter s = sorter;
    sorter = null;
    Executor.closeAll(s, input);
  }
}
