package org.minidb.storage.tx;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's DeadLockCheck, for hard edges only: run by a waiter once its deadlock_timeout has passed, with every
 * lock partition latched, it walks the shared wait-for graph — an edge from each waiting slot to each slot that
 * holds a mode conflicting with the one it waits for — looking for a cycle back to the checker. The checker that
 * finds one is the victim (as in PostgreSQL: the transaction whose timer ran out first while in the cycle).
 *
 * <p>Waiters are not queued in order here (a request is granted whenever no holder conflicts), so there are no
 * soft edges to rearrange: every cycle found is a real deadlock.
 */
final class DeadlockDetector {
  private final LockPartitions partitions;
  private final ProcSlots procs;

  DeadlockDetector(LockPartitions partitions, ProcSlots procs) {
    this.partitions = partitions;
    this.procs = procs;
  }

  /**
   * The waits of a cycle through {@code slot}, one line each in PostgreSQL's wording, or null if none. When there
   * is one, {@code leaveQueue} takes {@code slot} out of the wait graph before the latches are released (as
   * PostgreSQL's DeadLockCheck removes the victim from the wait queue): another waiter of the same cycle whose
   * check comes next no longer sees it, so one victim breaks the cycle, not two.
   */
  List<String> check(int slot, Runnable leaveQueue) {
    partitions.latchAll();
    try {
      List<String> path = new ArrayList<>();
      if (!dfs(slot, slot, path, new boolean[procs.highWater()])) return null;
      leaveQueue.run();
      return path;
    } finally {
      partitions.unlatchAll();
    }
  }

  private boolean dfs(int node, int start, List<String> path, boolean[] seen) {
    LockMode mode = procs.waitMode(node);
    if (mode == null || node >= seen.length || seen[node]) return false;
    seen[node] = true;
    LockTag tag = procs.waitTag(node);
    long hash = LockPartitions.hash(tag);
    int p = LockPartitions.partitionOf(hash);
    int l = partitions.find(p, hash, tag);
    if (l == 0) return false;
    for (int pl = partitions.firstProcLock(p, l); pl != 0; pl = partitions.nextInLock(p, pl)) {
      int holder = partitions.procLockProc(p, pl);
      if (holder == node || !mode.conflictsWithAny(partitions.holdMask(p, pl))) continue;
      path.add("Process " + procs.backendPid(node) + " waits for " + mode.pgName() + " on " + tag.describe()
          + "; blocked by process " + procs.backendPid(holder) + ".");
      if (holder == start || dfs(holder, start, path, seen)) return true;
      path.remove(path.size() - 1);
    }
    return false;
  }
}
