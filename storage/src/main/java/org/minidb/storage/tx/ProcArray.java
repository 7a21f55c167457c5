package org.minidb.storage.tx;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.shmem.ShmemWords;

/**
 * The array of running transactions that have an xid (PostgreSQL's ProcArray), in the shared region:
 * {@code 0 latch | 8 highWater | 16.. one u64 xid per slot (0 = free)}. An xid is assigned and entered into
 * a slot under the exclusive latch; a snapshot reads the slots and nextXid under the shared latch, so it
 * sees every assigned xid either as running or as below its xmax and finished.
 *
 * <p>Commit order (see README): the commit log is updated first, then the xid leaves the array. A snapshot
 * taken in between still sees the xid as running, which is what makes "committed before the snapshot" exact.
 */
public final class ProcArray {
  public static final int MAX_SLOTS = 1024;
  private static final long HEADER = 16;

  private final MemorySegment seg;
  private final VariableCache vars;

  public static long sharedSize() { return HEADER + MAX_SLOTS * 8L; }

  public ProcArray(SharedMemory shm, VariableCache vars) {
    this.seg = shm.reserve(sharedSize());
    this.vars = vars;
  }

  private static long slotOff(int slot) { return HEADER + slot * 8L; }

  /** Assigns a new xid and enters it into a free slot; returns {@code {xid, slot}}. */
  long[] assignXid() {
    Latch.acquireExclusive(seg, 0);
    try {
      int high = (int) ShmemWords.get(seg, 8);
      int slot = -1;
      for (int i = 0; i < high; i++) {
        if (ShmemWords.get(seg, slotOff(i)) == 0) {
          slot = i;
          break;
        }
      }
      if (slot < 0) {
        if (high == MAX_SLOTS) {
          throw DbException.of(SqlState.TOO_MANY_CONNECTIONS, "too many concurrent writing transactions");
        }
        slot = high;
        ShmemWords.set(seg, 8, high + 1);
      }
      long xid = vars.assignXid();
      ShmemWords.set(seg, slotOff(slot), xid);
      return new long[] {xid, slot};
    } finally {
      Latch.release(seg, 0);
    }
  }

  /**
   * Removes a finished transaction's xids — the top level's and its subtransactions' — at once (after their
   * outcome is in the commit log), so no snapshot sees some of them running and others not.
   */
  void remove(int... slots) {
    if (slots.length == 0) return;
    Latch.acquireExclusive(seg, 0);
    try {
      for (int slot : slots) ShmemWords.set(seg, slotOff(slot), 0);
    } finally {
      Latch.release(seg, 0);
    }
  }

  /** A snapshot for a reader with the given own xid (0 if none) and command id. */
  public org.minidb.storage.tx.Snapshot snapshot(long ownXid, int commandId) {
    Latch.acquireShared(seg, 0);
    long xmax;
    long[] running;
    int n = 0;
    try {
      xmax = vars.nextXid();
      int high = (int) ShmemWords.get(seg, 8);
      running = new long[high];
      for (int i = 0; i < high; i++) {
        long x = ShmemWords.get(seg, slotOff(i));
        if (x != 0 && x != ownXid) running[n++] = x;
      }
    } finally {
      Latch.release(seg, 0);
    }
    long[] inProgress = Arrays.copyOf(running, n);
    Arrays.sort(inProgress);
    long xmin = n > 0 ? Math.min(inProgress[0], ownXid != 0 ? ownXid : Long.MAX_VALUE) : (ownXid != 0 ? ownXid : xmax);
    return new org.minidb.storage.tx.Snapshot(Math.min(xmin, xmax), xmax, inProgress, ownXid, commandId);
  }

  /** Number of transactions with an xid now running. */
  public int runningCount() {
    Latch.acquireShared(seg, 0);
    try {
      int high = (int) ShmemWords.get(seg, 8);
      int n = 0;
      for (int i = 0; i < high; i++) if (ShmemWords.get(seg, slotOff(i)) != 0) n++;
      return n;
    } finally {
      Latch.release(seg, 0);
    }
  }
}
