package org.minidb.executor.spill;

import java.util.Comparator;
import java.util.List;

/**
 * A k-way merge of sorted row sources: a binary min-heap of the sources by their current row, so each row
 * out costs O(log k) comparisons. The order among equal rows of different sources is unspecified (PostgreSQL's
 * merge is not stable either).
 */
final class MergeCursor implements RowSource {
  private final Comparator<Object[]> order;
  private final RowSource[] sources;
  private final Object[][] heads;
  /** heap[0..size) holds indexes into sources/heads; heads[heap[0]] is the smallest current row. */
  private final int[] heap;
  private int size;

  MergeCursor(Comparator<Object[]> order, List<? extends RowSource> inputs) {
    this.order = order;
    this.sources = inputs.toArray(new RowSource[0]);
    this.heads = new Object[sources.length][];
    this.heap = new int[sources.length];
    for (int i = 0; i < sources.length; i++) {
      heads[i] = sources[i].next();
      if (heads[i] != null) heap[size++] = i;
    }
    for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
  }

  @Override
  public Object[] next() {
    if (size == 0) return null;
    int top = heap[0];
    Object[] row = heads[top];
    heads[top] = sources[top].next();
    if (heads[top] == null) heap[0] = heap[--size];
    if (size > 0) siftDown(0);
    return row;
  }

  private void siftDown(int i) {
    int moving = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && order.compare(heads[heap[child + 1]], heads[heap[child]]) < 0) child++;
      if (order.compare(heads[heap[child]], heads[moving]) >= 0) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = moving;
  }
}
