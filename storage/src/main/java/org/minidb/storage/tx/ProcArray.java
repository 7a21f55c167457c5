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
 * {@code 0 latch | 8 highWater | 16.. one u64 xid per slot (0 = free) | then one u64 snapshot xmin per
 * transaction that took a snapshot (0 = free)}. An xid is assigned and entered into a slot under the exclusive
 * latch; a snapshot reads the slots and nextXid under the shared latch, so it sees every assigned xid either as
 * running or as below its xmax and finished.
 *
 * <p>Snapshot xmins (PostgreSQL's PGPROC.xmin) hold back the horizon below which VACUUM may remove versions:
 * a transaction's first snapshot claims an xmin slot (CAS from 0) and writes its xmin while the shared latch
 * that computed the snapshot is still held, so a horizon computed later under the same latch sees it, and
 * one computed earlier was computed before any xid it treats as running had left the array (leaving takes the
 * exclusive latch). The slot keeps the first snapshot's xmin until the transaction ends (READ COMMITTED could
 * advance it per statement; keeping it is only more conservative).
 *
 * <p>Commit order (see README): the commit log is updated first, then the xid leaves the array. A snapshot
 * taken in between still sees the xid as running, which is what makes "committed before the snapshot" exact.
 */
public final class ProcArray {
  public static final int MAX_SLOTS = 1024;
  private static final long HEADER = 16;

  private final MemorySegment seg;
  private final VariableCache vars;

  private static final long XMINS = HEADER + MAX_SLOTS * 8L;

  public static long sharedSize() { return XMINS + MAX_SLOTS * 8L; }

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

  /** A snapshot for a reader with the given own xid (0 if none) and command id, not holding back VACUUM. */
  public org.minidb.storage.tx.Snapshot snapshot(long ownXid, int commandId) {
    return snapshot(ownXid, commandId, null);
  }

  /**
   * A snapshot; if {@code xminSlot} is given and {@code xminSlot[0] < 0}, the snapshot's xmin is registered in a
   * free xmin slot (its index stored in {@code xminSlot[0]}) until {@link #releaseXmin}.
   */
  org.minidb.storage.tx.Snapshot snapshot(long ownXid, int commandId, int[] xminSlot) {
    Latch.acquireShared(seg, 0);
    long xmax;
    long[] running;
    int n = 0;
    org.minidb.storage.tx.Snapshot snapshot;
    try {
      xmax = vars.nextXid();
      int high = (int) ShmemWords.get(seg, 8);
      running = new long[high];
      for (int i = 0; i < high; i++) {
        long x = ShmemWords.get(seg, slotOff(i));
        if (x != 0 && x != ownXid) running[n++] = x;
      }
      long[] inProgress = Arrays.copyOf(running, n);
      Arrays.sort(inProgress);
      long xmin = n > 0 ? Math.min(inProgress[0], ownXid != 0 ? ownXid : Long.MAX_VALUE) : (ownXid != 0 ? ownXid : xmax);
      snapshot = new org.minidb.storage.tx.Snapshot(Math.min(xmin, xmax), xmax, inProgress, ownXid, commandId);
      if (xminSlot != null && xminSlot[0] < 0) xminSlot[0] = claimXminSlot(snapshot.xmin());
    } finally {
      Latch.release(seg, 0);
    }
    return snapshot;
  }

  private int claimXminSlot(long xmin) {
    for (int i = 0; i < MAX_SLOTS; i++) {
      if (ShmemWords.get(seg, XMINS + i * 8L) == 0 && ShmemWords.cas(seg, XMINS + i * 8L, 0, xmin)) return i;
    }
    throw DbException.of(SqlState.TOO_MANY_CONNECTIONS, "too many concurrent transactions with snapshots");
  }

  /** The transaction of this xmin slot ended. */
  void releaseXmin(int slot) {
    if (slot >= 0) ShmemWords.set(seg, XMINS + slot * 8L, 0);
  }

  /**
   * The oldest xid any running transaction or registered snapshot may still treat as running (PostgreSQL's
   * GetOldestNonRemovableTransactionId): a version whose deleter committed below it is invisible to every
   * snapshot that exists or will exist, and may be removed.
   */
  public long oldestXmin() {
    Latch.acquireShared(seg, 0);
    try {
      long oldest = vars.nextXid();
      int high = (int) ShmemWords.get(seg, 8);
      for (int i = 0; i < high; i++) {
        long x = ShmemWords.get(seg, slotOff(i));
        if (x != 0) oldest = Math.min(oldest, x);
      }
      for (int i = 0; i < MAX_SLOTS; i++) {
        long x = ShmemWords.get(seg, XMINS + i * 8L);
        if (x != 0) oldest = Math.min(oldest, x);
      }
      return oldest;
    } finally {
      Latch.release(seg, 0);
    }
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
