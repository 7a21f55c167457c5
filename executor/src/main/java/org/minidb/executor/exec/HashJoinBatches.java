package org.minidb.executor.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidb.executor.exec.instrument.OperatorUsage;
import org.minidb.executor.spill.HashPartitions;
import org.minidb.executor.spill.RowMemory;
import org.minidb.executor.spill.RowSource;
import org.minidb.executor.spill.SpillFile;
import org.minidb.executor.spill.TempFileSpace;

/**
 * The hash tables of one hash join and, past work_mem, its batches on disk (a Grace hash join, PostgreSQL's
 * multi-batch hash join without its in-memory batch 0). The right (build) side is read into a table; if the
 * table outgrows work_mem, its rows and the rest of the right input are split by key hash into
 * {@value #BATCHES} batch files, and the left rows are split the same way ({@link #partitionLeft}). Then each
 * batch pair is joined in turn: its right file becomes a table, its left file probes it. A batch whose right
 * rows still do not fit is split again at the next level (another hash salt), unless the last split did not
 * shrink it (all its rows share one key: it is then joined in memory, as PostgreSQL does with a skewed batch).
 *
 * <p>Rows with a NULL key never reach a batch: they match nothing. Every file is deleted once its batch is
 * done, and by {@link #close()} whatever happened.
 */
final class HashJoinBatches implements AutoCloseable {
  static final int BATCHES = 32;
  /** Per right row besides the row itself: its table bucket's share (list slot, list, map entry). */
  private static final int ROW_OVERHEAD = 8 + RowMemory.HASH_ENTRY;

  /** One batch being joined: its right rows in memory and its left rows to probe them with (or null). */
  record Batch(Map<Object, List<Object[]>> table, RowSource left) {}

  /** A batch on disk; {@code splittable} is false when splitting it again would not shrink it. */
  private record Pending(SpillFile right, SpillFile left, int level, boolean splittable) {}

  private final ExecContext ctx;
  private final RowKey.Extractor leftKeys;
  private final RowKey.Extractor rightKeys;
  private final Deque<Pending> pending = new ArrayDeque<>();
  /** Level 0 while the right side spilled and the left input is being split: the files being written. */
  private HashPartitions rightParts;
  private HashPartitions leftParts;
  private List<SpillFile> rightFiles;
  /** The left file of the batch being joined (deleted when the next batch starts). */
  private SpillFile probing;
  /** EXPLAIN ANALYZE's figures: the largest table in memory (bytes, distinct keys) and the batches made. */
  private long peakBytes;
  private long peakKeys;
  private long batchCount = 1;

  HashJoinBatches(ExecContext ctx, RowKey.Extractor leftKeys, RowKey.Extractor rightKeys) {
    this.ctx = ctx;
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
  }

  /**
   * Reads the right input. Returns its table if it fit in work_mem, else null: the right rows are then in
   * batch files and the left rows go to {@link #partitionLeft}.
   */
  Map<Object, List<Object[]>> build(RowSource rights) {
    TempFileSpace space = ctx.tempFiles();
    Map<Object, List<Object[]>> table = new HashMap<>();
    long used = 0;
    Object[] r;
    while ((r = rights.next()) != null) {
      if (rightKeys.hasNull(r)) continue;
      Object[] row = r.clone();
      table.computeIfAbsent(rightKeys.hashKey(row), k -> new ArrayList<>(1)).add(row);
      used += RowMemory.of(row) + ROW_OVERHEAD;
      if (used > ctx.workMemBytes() && space != null) {
        noteTable(table, used);
        rightParts = new HashPartitions(space, BATCHES, 0);
        spill(table, rightParts);
        while ((r = rights.next()) != null) {
          if (!rightKeys.hasNull(r)) rightParts.write(rightKeys.hashKey(r).hashCode(), r);
        }
        rightFiles = rightParts.finish();
        leftParts = new HashPartitions(space, BATCHES, 0);
        batchCount = BATCHES;
        return null;
      }
    }
    noteTable(table, used);
    return table;
  }

  private void noteTable(Map<Object, List<Object[]>> table, long bytes) {
    if (bytes > peakBytes) peakBytes = bytes;
    if (table.size() > peakKeys) peakKeys = table.size();
  }

  /**
   * PostgreSQL's Hash line: buckets as its power of two at least the distinct keys (1024 at least), batches,
   * and the peak memory of a table.
   */
  OperatorUsage.Hash usage() {
    long buckets = Math.max(1024, Long.highestOneBit(Math.max(1, peakKeys - 1)) << 1);
    return new OperatorUsage.Hash(buckets, batchCount,
        OperatorUsage.kilobytes(peakBytes));
  }

  private static void spill(Map<Object, List<Object[]>> table, HashPartitions parts) {
    for (Map.Entry<Object, List<Object[]>> e : table.entrySet()) {
      int hash = e.getKey().hashCode();
      for (Object[] row : e.getValue()) parts.write(hash, row);
    }
    table.clear();
  }

  /**
   * Writes a left row to its batch while the right side is spilled. Returns false, writing nothing, if the
   * row cannot match any right row (a NULL key, or an empty batch): the caller settles it at once.
   */
  boolean partitionLeft(Object[] l) {
    if (leftKeys.hasNull(l)) return false;
    int hash = leftKeys.hashKey(l).hashCode();
    if (rightFiles.get(leftParts.partitionOf(hash)) == null) return false;
    leftParts.write(hash, l);
    return true;
  }

  /** The next batch to join, or null when all are done. */
  Batch nextBatch() {
    if (probing != null) {
      SpillFile done = probing;
      probing = null;
      done.close();
    }
    if (leftParts != null) queueLevelZero();
    while (!pending.isEmpty()) {
      Pending p = pending.pollFirst();
      Batch b = load(p);
      if (b != null) return b;
    }
    return null;
  }

  private void queueLevelZero() {
    List<SpillFile> lefts = leftParts.finish();
    leftParts.close();
    leftParts = null;
    rightParts.close();
    rightParts = null;
    List<SpillFile> rights = rightFiles;
    rightFiles = null;
    for (int i = 0; i < BATCHES; i++) queue(rights.get(i), lefts.get(i), 1, true);
  }

  /** Queues a batch pair at the end; a batch without left rows produces nothing and is dropped. */
  private void queue(SpillFile right, SpillFile left, int level, boolean splittable) {
    if (left == null) {
      if (right != null) right.close();
      return;
    }
    pending.addLast(new Pending(right, left, level, splittable));
  }

  /** Loads a batch's right rows, or splits the batch into new pending ones (then returns null). */
  private Batch load(Pending p) {
    Map<Object, List<Object[]>> table = new HashMap<>();
    if (p.right() != null) {
      try (SpillFile rights = p.right()) {
        long used = 0;
        Object[] row;
        while ((row = rights.next()) != null) {
          table.computeIfAbsent(rightKeys.hashKey(row), k -> new ArrayList<>(1)).add(row);
          used += RowMemory.of(row) + ROW_OVERHEAD;
          if (used > ctx.workMemBytes() && p.splittable()) {
            split(p, table, rights);
            return null;
          }
        }
        noteTable(table, used);
      }
    }
    probing = p.left();
    return new Batch(table, probing);
  }

  /** Splits a batch that does not fit into {@value #BATCHES} batches of the next level, queued first. */
  private void split(Pending p, Map<Object, List<Object[]>> loaded, SpillFile rights) {
    TempFileSpace space = ctx.tempFiles();
    List<SpillFile> r;
    List<SpillFile> l;
    try (HashPartitions rp = new HashPartitions(space, BATCHES, p.level());
        HashPartitions lp = new HashPartitions(space, BATCHES, p.level());
        SpillFile lefts = p.left()) {
      spill(loaded, rp);
      Object[] row;
      while ((row = rights.next()) != null) rp.write(rightKeys.hashKey(row).hashCode(), row);
      while ((row = lefts.next()) != null) lp.write(leftKeys.hashKey(row).hashCode(), row);
      r = rp.finish();
      l = lp.finish();
    }
    batchCount += BATCHES - 1;
    long parentRows = rights.rows();
    Deque<Pending> children = new ArrayDeque<>();
    for (int i = 0; i < BATCHES; i++) {
      SpillFile ri = r.get(i);
      SpillFile li = l.get(i);
      if (li == null) {
        if (ri != null) ri.close();
        continue;
      }
      boolean shrank = ri == null || ri.rows() < parentRows;
      children.addLast(new Pending(ri, li, p.level() + 1, shrank));
    }
    while (!children.isEmpty()) pending.addFirst(children.pollLast());
  }

  /** Deletes every batch file not yet deleted. */
  @Override
  public void close() {
    List<SpillFile> files = new ArrayList<>();
    files.add(probing);
    probing = null;
    for (Pending p : pending) {
      files.add(p.right());
      files.add(p.left());
    }
    pending.clear();
    if (rightFiles != null) files.addAll(rightFiles);
    rightFiles = null;
    try {
      SpillFile.closeAll(files);
    } finally {
      Executor.closeAll(leftParts, rightParts);
      leftParts = null;
      rightParts = null;
    }
  }
}
