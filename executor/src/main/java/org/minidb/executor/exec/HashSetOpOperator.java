package org.minidb.executor.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidb.executor.plan.SetOpNode;
import org.minidb.executor.spill.HashPartitions;
import org.minidb.executor.spill.RowMemory;
import org.minidb.executor.spill.RowSource;
import org.minidb.executor.spill.SpillFile;
import org.minidb.executor.spill.TempFileSpace;

/**
 * INTERSECT / EXCEPT [ALL]: counts each distinct row (PostgreSQL's equality, NULLs equal) on both sides in
 * one hash table, then emits each row as many times as {@link SetOpNode} says. In memory, output follows the
 * first appearance on the left.
 *
 * <p>Past work_mem it spills as the hash aggregate does: once the table is full, a left row of a row value not
 * in it goes to a temporary file by hash ({@link HashPartitions}); a right row not in the table goes to the
 * right file of the same partition if that partition has left rows (else it cannot count for anything). A row
 * value is thus counted either wholly in memory or wholly in one partition pair, which is counted later, one
 * pair at a time, the same way at the next level.
 */
final class HashSetOpOperator implements Operator {
  private static final int PARTITIONS = 32;
  /** Per distinct row besides the row: the Counts object, its key and the map entry. */
  private static final int ENTRY_OVERHEAD = 32 + 16 + RowMemory.HASH_ENTRY;

  private final Operator left;
  private final Operator right;
  private final SetOpNode node;
  private final RowKey.Extractor keys;
  private final ExecContext ctx;
  private Iterator<Counts> groups;
  private Counts pending;
  private long remaining;
  /** Partition pairs written and not yet counted. */
  private final Deque<Spilled> spilled = new ArrayDeque<>();

  private static final class Counts {
    final Object[] row;
    long left;
    long right;

    Counts(Object[] row) { this.row = row; }
  }

  private record Spilled(SpillFile left, SpillFile right, int level) {}

  HashSetOpOperator(Operator left, Operator right, SetOpNode node, ExecContext ctx) {
    this.left = left;
    this.right = right;
    this.node = node;
    this.ctx = ctx;
    int[] all = new int[node.outputTypes().size()];
    for (int i = 0; i < all.length; i++) all[i] = i;
    this.keys = new RowKey.Extractor(all, node.outputTypes());
  }

  @Override
  public void open() {
    left.open();
    // the right input opens once the left one is read, as before spilling existed
    RowSource rights = new RowSource() {
      private boolean opened;

      @Override
      public Object[] next() {
        if (!opened) {
          opened = true;
          right.open();
        }
        return right.next();
      }
    };
    groups = count(left::next, rights, 0);
    pending = null;
    remaining = 0;
  }

  /** Counts the rows of one pair of inputs; what does not fit goes to partition pairs of {@code level}. */
  private Iterator<Counts> count(RowSource lefts, RowSource rights, int level) {
    Map<RowKey, Counts> table = new LinkedHashMap<>();
    TempFileSpace space = ctx.tempFiles();
    long used = 0;
    try (HashPartitions leftParts = space == null ? null : new HashPartitions(space, PARTITIONS, level);
        HashPartitions rightParts = space == null ? null : new HashPartitions(space, PARTITIONS, level)) {
      for (Object[] row = lefts.next(); row != null; row = lefts.next()) {
        RowKey k = keys.key(row);
        Counts c = table.get(k);
        if (c == null) {
          if (leftParts != null && used > ctx.workMemBytes()) {
            leftParts.write(k.hashCode(), row);
            continue;
          }
          c = new Counts(row.clone());
          table.put(k, c);
          used += 2 * RowMemory.of(c.row) + ENTRY_OVERHEAD;
        }
        c.left++;
      }
      for (Object[] row = rights.next(); row != null; row = rights.next()) {
        RowKey k = keys.key(row);
        Counts c = table.get(k);
        if (c != null) {
          c.right++;
        } else if (leftParts != null && leftParts.used(leftParts.partitionOf(k.hashCode()))) {
          rightParts.write(k.hashCode(), row);
        }
      }
      if (leftParts != null) {
        List<SpillFile> l = leftParts.finish();
        List<SpillFile> r = rightParts.finish();
        for (int i = 0; i < l.size(); i++) {
          if (l.get(i) != null) spilled.addLast(new Spilled(l.get(i), r.get(i), level + 1));
        }
      }
    }
    return new ArrayList<>(table.values()).iterator();
  }

  private long copies(Counts c) {
    boolean intersect = node.kind() == SetOpNode.Kind.INTERSECT;
    if (node.all()) return intersect ? Math.min(c.left, c.right) : Math.max(c.left - c.right, 0);
    return intersect ? (c.left > 0 && c.right > 0 ? 1 : 0) : (c.left > 0 && c.right == 0 ? 1 : 0);
  }

  @Override
  public Object[] next() {
    if (groups == null) return null;
    while (remaining == 0) {
      while (!groups.hasNext()) {
        Spilled p = spilled.pollFirst();
        if (p == null) return null;
        try (SpillFile l = p.left(); SpillFile r = p.right()) {
          groups = count(l, r == null ? () -> null : r, p.level());
        }
      }
      pending = groups.next();
      remaining = copies(pending);
    }
    remaining--;
    return pending.row;
  }

  @Override
  public void close() {
    groups = null;
    List<SpillFile> files = new ArrayList<>();
    for (Spilled p : spilled) {
      files.add(p.left());
      files.add(p.right());
    }
    spilled.clear();
    try {
      SpillFile.closeAll(files);
    } finally {
      Executor.closeAll(left, right);
    }
  }
}
