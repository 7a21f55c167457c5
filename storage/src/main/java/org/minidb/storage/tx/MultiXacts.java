package org.minidb.storage.tx;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.shmem.ShmemWords;

/**
 * Several transactions locking one row (PostgreSQL's MultiXact, for lockers only): a row locked by more than one
 * running transaction carries a multixact id in its xmax (infomask XMAX_IS_MULTI with XMAX_LOCK_ONLY), and the
 * members — each an xid with its {@link RowLockMode} — live here, in the shared region.
 *
 * <p>In shared memory rather than an SLRU under the data directory, because a lock-only multixact matters only
 * while one of its members runs (MiniDB never puts an updater into a multixact: see heap/README). A crash or
 * restart ends every member, and an id not found here reads as "no member runs", so a restart can never treat a
 * row as locked by a dead transaction. Ids are unique across restarts all the same: an id is {@code (u << 12) |
 * slot} with {@code u} taken from the xid counter (which is never reused), so a stale id on disk never names a
 * new multixact.
 *
 * <p>Layout: {@code 0 latch | 8 cursor | 64.. SLOTS entries of 256 bytes: 0 id (0 = free) | 8 member count |
 * 16.. members (u64: xid | mode << 60)}. Immutable once created (PostgreSQL's rule: a new locker makes a new
 * multixact). A slot is reused once none of its members is in progress.
 */
public final class MultiXacts {
  static final int SLOT_BITS = 12;
  static final int SLOTS = 1 << SLOT_BITS;
  /** Largest number of members; a locker that would make more waits for one of them instead. */
  public static final int MAX_MEMBERS = 30;
  private static final long HEADER = 64;
  private static final long ENTRY = 256;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

  private final MemorySegment seg;
  private final VariableCache vars;
  private final CommitLog clog;

  static long sharedSize() { return HEADER + ENTRY * SLOTS; }

  MultiXacts(SharedMemory shm, VariableCache vars, CommitLog clog) {
    this.seg = shm.reserve(sharedSize());
    this.vars = vars;
    this.clog = clog;
  }

  private static long entry(int slot) { return HEADER + ENTRY * slot; }

  /**
   * A new multixact of the given members (xids and modes, at most {@link #MAX_MEMBERS}); 0 when every slot holds
   * a multixact with a running member (the caller then waits for a locker instead).
   */
  public long create(long[] xids, RowLockMode[] modes) {
    if (xids.length > MAX_MEMBERS) throw new IllegalArgumentException("too many multixact members");
    Latch.acquireExclusive(seg, 0);
    try {
      int start = (int) ShmemWords.get(seg, 8);
      for (int i = 0; i < SLOTS; i++) {
        int slot = (start + i) & (SLOTS - 1);
        if (!reusable(slot)) continue;
        long id = (vars.assignXid() << SLOT_BITS) | slot;
        long e = entry(slot);
        seg.set(LONG, e + 8, xids.length);
        for (int m = 0; m < xids.length; m++) seg.set(LONG, e + 16 + 8L * m, xids[m] | ((long) modes[m].ordinal() << 60));
        seg.set(LONG, e, id);
        ShmemWords.set(seg, 8, (slot + 1) & (SLOTS - 1));
        return id;
      }
      return 0;
    } finally {
      Latch.release(seg, 0);
    }
  }

  private boolean reusable(int slot) {
    long e = entry(slot);
    if (seg.get(LONG, e) == 0) return true;
    int n = (int) seg.get(LONG, e + 8);
    for (int m = 0; m < n; m++) {
      if (clog.status(seg.get(LONG, e + 16 + 8L * m) & XID_MASK) == CommitLog.IN_PROGRESS) return false;
    }
    return true;
  }

  private static final long XID_MASK = (1L << 60) - 1;

  /**
   * The members of multixact {@code id} as {@code long} words ({@link #memberXid}, {@link #memberMode}); empty if
   * it is gone (every member had ended, or the server restarted since).
   */
  public long[] members(long id) {
    int slot = (int) (id & (SLOTS - 1));
    long e = entry(slot);
    Latch.acquireShared(seg, 0);
    try {
      if (seg.get(LONG, e) != id) return new long[0];
      long[] out = new long[(int) seg.get(LONG, e + 8)];
      for (int m = 0; m < out.length; m++) out[m] = seg.get(LONG, e + 16 + 8L * m);
      return out;
    } finally {
      Latch.release(seg, 0);
    }
  }

  public static long memberXid(long member) { return member & XID_MASK; }

  public static RowLockMode memberMode(long member) { return RowLockMode.values()[(int) (member >>> 60)]; }
}
