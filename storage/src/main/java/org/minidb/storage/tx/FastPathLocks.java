package org.minidb.storage.tx;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.shmem.ShmemWords;

/**
 * PostgreSQL's lock-manager fast path: the weak relation locks (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE — every
 * statement takes one) are recorded in the requesting slot's own small array instead of the shared table, as
 * long as nobody holds or wants a strong lock (SHARE and above: the modes that conflict with a weak one) on a
 * relation of the same hash bucket.
 *
 * <p>Protocol (lock.c's): a weak requester latches its own array, reads the bucket's strong-lock count, and records
 * the lock only if the count is zero. A strong requester first increments the count, then latches every slot's
 * array in turn and moves its entries for the relation into the shared table ({@link #transfer}); from then on weak
 * requests for that bucket go to the shared table. Either the weak requester's read comes after the increment, or
 * its entry is in its array before the strong requester latches that array. So the shared table holds every lock
 * that can conflict with a strong one, and the deadlock detector (which waits only on the shared table) sees every
 * edge. The count goes down when the strong lock is released or the request fails.
 *
 * <p>Layout: {@code 0 strong-lock counts (u64 x BUCKETS) | per slot: 0 latch | 8.. SLOTS_PER_PROC entries of
 * (relation oid u64, modes u64; modes 0 = free)}. An array is read and written only under its latch.
 */
final class FastPathLocks {
  /** PostgreSQL's FAST_PATH_STRONG_LOCK_HASH_PARTITIONS. */
  static final int BUCKETS = 1024;
  /** PostgreSQL's FP_LOCK_SLOTS_PER_BACKEND. */
  static final int SLOTS_PER_PROC = 16;
  private static final long COUNTS = 0;
  private static final long PROCS = COUNTS + 8L * BUCKETS;
  private static final long PROC_SIZE = 8 + 16L * SLOTS_PER_PROC + 56; // padded to 320 bytes

  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

  private final MemorySegment seg;

  static long sharedSize() { return PROCS + PROC_SIZE * ProcSlots.MAX_PROCS; }

  FastPathLocks(SharedMemory shm) { this.seg = shm.reserve(sharedSize()); }

  /** Modes eligible for the fast path (weaker than SHARE UPDATE EXCLUSIVE). */
  static boolean weak(LockTag tag, LockMode mode) {
    return tag.kind() == LockTag.Kind.RELATION && mode.ordinal() < LockMode.SHARE_UPDATE_EXCLUSIVE.ordinal();
  }

  /** Modes that conflict with a weak one (stronger than SHARE UPDATE EXCLUSIVE). */
  static boolean strong(LockTag tag, LockMode mode) {
    return tag.kind() == LockTag.Kind.RELATION && mode.ordinal() > LockMode.SHARE_UPDATE_EXCLUSIVE.ordinal();
  }

  private static long countOff(long relOid) { return COUNTS + 8L * (int) Long.remainderUnsigned(LockPartitions.hash(LockTag.relation(relOid)), BUCKETS); }

  private static long procOff(int proc) { return PROCS + PROC_SIZE * proc; }

  /** Records a weak lock in the slot's array; false if a strong lock is about or the array is full. */
  boolean tryGrant(int proc, long relOid, LockMode mode) {
    long base = procOff(proc);
    Latch.acquireExclusive(seg, base);
    try {
      if (ShmemWords.get(seg, countOff(relOid)) != 0) return false;
      long free = -1;
      for (int i = 0; i < SLOTS_PER_PROC; i++) {
        long e = base + 8 + 16L * i;
        long modes = seg.get(LONG, e + 8);
        if (modes == 0) {
          if (free < 0) free = e;
        } else if (seg.get(LONG, e) == relOid) {
          seg.set(LONG, e + 8, modes | mode.bit());
          return true;
        }
      }
      if (free < 0) return false;
      seg.set(LONG, free, relOid);
      seg.set(LONG, free + 8, (long) mode.bit());
      return true;
    } finally {
      Latch.release(seg, base);
    }
  }

  /** Drops {@code modes} of the relation from the slot's array; returns the bits it held there. */
  int release(int proc, long relOid, int modes) {
    long base = procOff(proc);
    Latch.acquireExclusive(seg, base);
    try {
      long e = entryOf(base, relOid);
      if (e < 0) return 0;
      long held = seg.get(LONG, e + 8);
      seg.set(LONG, e + 8, held & ~modes);
      return (int) (held & modes);
    } finally {
      Latch.release(seg, base);
    }
  }

  /** The modes the slot holds on the relation through the fast path. */
  int held(int proc, long relOid) {
    long base = procOff(proc);
    Latch.acquireExclusive(seg, base);
    try {
      long e = entryOf(base, relOid);
      return e < 0 ? 0 : (int) seg.get(LONG, e + 8);
    } finally {
      Latch.release(seg, base);
    }
  }

  /** The offset of the array entry (latched) holding modes of the relation, or -1. */
  private long entryOf(long base, long relOid) {
    for (int i = 0; i < SLOTS_PER_PROC; i++) {
      long e = base + 8 + 16L * i;
      if (seg.get(LONG, e + 8) != 0 && seg.get(LONG, e) == relOid) return e;
    }
    return -1;
  }

  /** A strong lock on the relation is wanted: weak requests of its bucket go to the shared table from now on. */
  void beginStrong(long relOid) { ShmemWords.getAndAdd(seg, countOff(relOid), 1); }

  /** The strong lock was released, or its request failed. */
  void endStrong(long relOid) { ShmemWords.getAndAdd(seg, countOff(relOid), -1); }

  /** Receives the fast-path modes of one slot while its array is latched. */
  interface Mover { void move(int proc, int modes); }

  /**
   * Moves every slot's fast-path entry for the relation into the shared table (after {@link #beginStrong}); a
   * slot's array stays latched while {@code mover} grants its modes there, so the lock is never in neither place.
   */
  void transfer(long relOid, int highWater, Mover mover) {
    for (int proc = 0; proc < highWater; proc++) {
      long base = procOff(proc);
      Latch.acquireExclusive(seg, base);
      try {
        long e = entryOf(base, relOid); // at most one entry per relation
        if (e >= 0) {
          mover.move(proc, (int) seg.get(LONG, e + 8));
          seg.set(LONG, e + 8, 0L);
        }
      } finally {
        Latch.release(seg, base);
      }
    }
  }

  /** Clears the slot's array (its transaction ended; normally it is empty already). */
  void clear(int proc) {
    long base = procOff(proc);
    Latch.acquireExclusive(seg, base);
    try {
      for (int i = 0; i < SLOTS_PER_PROC; i++) seg.set(LONG, base + 16 + 16L * i, 0L);
    } finally {
      Latch.release(seg, base);
    }
  }
}
