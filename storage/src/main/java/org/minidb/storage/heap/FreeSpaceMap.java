package org.minidb.storage.heap;

import java.util.Arrays;

/**
 * Free space per block of one heap (PostgreSQL's FSM, simplified): a max-tree over the free bytes of each
 * block, so finding a block with room is O(log n) and never reads the table.
 *
 * <p>ON-HEAP and rebuilt lazily: it starts empty after a restart (unknown blocks count as full) and learns a
 * block's free space whenever an insert, update or scan of this process looks at the page. Inserts then try
 * the last block before extending, so a reopened table fills its tail first. Space freed by VACUUM or pruning is
 * recorded as it is freed; nothing is lost by not persisting it. Thread-safe.
 */
public final class FreeSpaceMap {
  private int[] tree = new int[2];
  private int leaves = 1;

  public synchronized void record(long block, int freeBytes) {
    if (block >= Integer.MAX_VALUE) return;
    int b = (int) block;
    while (b >= leaves) grow();
    int i = leaves + b;
    tree[i] = freeBytes;
    for (i >>>= 1; i >= 1; i >>>= 1) tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
  }

  /** A block known to have at least {@code needed} free bytes, or -1. Prefers lower blocks. */
  public synchronized long find(int needed) {
    if (tree[1] < needed) return -1;
    int i = 1;
    while (i < leaves) i = tree[2 * i] >= needed ? 2 * i : 2 * i + 1;
    return i - leaves;
  }

  /** Forgets the blocks from {@code nblocks} on (the heap was truncated to that length). */
  public synchronized void truncate(long nblocks) {
    for (long b = Math.max(0, nblocks); b < leaves; b++) record(b, 0);
  }

  /** Forgets everything (e.g. after a truncate). */
  public synchronized void clear() {
    tree = new int[2];
    leaves = 1;
  }

  private void grow() {
    int[] old = tree;
    int oldLeaves = leaves;
    leaves *= 2;
    tree = new int[2 * leaves];
    System.arraycopy(old, oldLeaves, tree, leaves, oldLeaves);
    for (int i = leaves - 1; i >= 1; i--) tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
    Arrays.fill(old, 0);
  }
}
