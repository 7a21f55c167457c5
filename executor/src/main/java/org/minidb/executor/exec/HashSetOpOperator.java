package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidb.executor.plan.SetOpNode;

/**
 * INTERSECT / EXCEPT [ALL]: counts each distinct row (PostgreSQL's equality, NULLs equal) on both sides in
 * one hash table, then emits each row as many times as {@link SetOpNode} says. Output follows the first
 * appearance on the left. In memory for now, like the hash aggregate.
 */
final class HashSetOpOperator implements Operator {
  private final Operator left;
  private final Operator right;
  private final SetOpNode node;
  private final RowKey.Extractor keys;
  private Iterator<Counts> groups;
  private Counts pending;
  private long remaining;

  private static final class Counts {
    final Object[] row;
    long left;
    long right;

    Counts(Object[] row) { this.row = row; }
  }

  HashSetOpOperator(Operator left, Operator right, SetOpNode node) {
    this.left = left;
    this.right = right;
    this.node = node;
    int[] all = new int[node.outputTypes().size()];
    for (int i = 0; i < all.length; i++) all[i] = i;
    this.keys = new RowKey.Extractor(all, node.outputTypes());
  }

  @Override
  public void open() {
    Map<RowKey, Counts> table = new LinkedHashMap<>();
    left.open();
    for (Object[] row = left.next(); row != null; row = left.next()) {
      Object[] copy = row.clone();
      table.computeIfAbsent(keys.key(copy), k -> new Counts(copy)).left++;
    }
    right.open();
    for (Object[] row = right.next(); row != null; row = right.next()) {
      Counts c = table.get(keys.key(row));
      if (c != null) c.right++;
    }
    List<Counts> out = new ArrayList<>(table.values());
    groups = out.iterator();
    pending = null;
    remaining = 0;
  }

  private long copies(Counts c) {
    boolean intersect = node.kind() == SetOpNode.Kind.INTERSECT;
    if (node.all()) return intersect ? Math.min(c.left, c.right) : Math.max(c.left - c.right, 0);
    return intersect ? (c.left > 0 && c.right > 0 ? 1 : 0) : (c.left > 0 && c.right == 0 ? 1 : 0);
  }

  @Override
  public Object[] next() {
    while (remaining == 0) {
      if (!groups.hasNext()) return null;
      pending = groups.next();
      remaining = copies(pending);
    }
    remaining--;
    return pending.row;
  }

  @Override
  public void close() { Executor.closeAll(left, right); }
}
