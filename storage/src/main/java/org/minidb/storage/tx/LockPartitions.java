package org.minidb.storage.tx;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.SharedMemory;

/**
 * The heavyweight lock table's data in the shared region (PostgreSQL's lock.c shared hash tables of LOCK and
 * PROCLOCK objects), split into {@link #PARTITIONS} partitions by the tag's hash, each with its own latch
 * (PostgreSQL's NUM_LOCK_PARTITIONS lock-manager LWLocks). Every field of a partition is read and written only
 * under its latch, held exclusively; nothing here waits or holds a Java reference.
 *
 * <p>Partition layout: {@code 0 latch | 8 lockHigh | 12 lockFree | 16 procLockHigh | 20 procLockFree | 64 lock
 * buckets (int each) | procLock buckets | LOCK entries | PROCLOCK entries}. Entries are referred to by index + 1
 * (0 = none), kept in chains per hash bucket (so entries never move) and reused through a free list.
 *
 * <p>LOCK (64 bytes): {@code 0 kind (0 = free) | 8 id | 16 hashNext | 20 firstProcLock | 24 nWaiters | 28
 * grantMask | 32 granted count per mode (8 x int)}. PROCLOCK (32 bytes): one holder's modes on one LOCK:
 * {@code 0 lock | 4 proc | 8 holdMask | 12 hashNext | 16 prevInLock | 20 nextInLock}. Invariant: a LOCK's
 * granted count of a mode is the number of its PROCLOCKs holding that mode, its grantMask the modes with a
 * non-zero count; a LOCK with no PROCLOCK and no waiter is freed.
 */
final class LockPartitions {
  static final int PARTITIONS = 16;
  /** PostgreSQL's default max_locks_per_transaction. */
  static final int MAX_LOCKS_PER_TRANSACTION = 64;
  /**
   * The backends the table is sized for: PostgreSQL's MaxBackends with its defaults (max_connections 100 plus
   * autovacuum and background workers), rounded up. The table's size is max_locks_per_transaction x this, as
   * PostgreSQL's NLOCKENTS; PROCLOCKs twice that.
   */
  static final int SIZED_FOR_BACKENDS = 128;
  static final int LOCKS_PER_PARTITION = MAX_LOCKS_PER_TRANSACTION * SIZED_FOR_BACKENDS / PARTITIONS;
  static final int PROCLOCKS_PER_PARTITION = 2 * LOCKS_PER_PARTITION;
  private static final int LOCK_BUCKETS = LOCKS_PER_PARTITION;
  private static final int PROCLOCK_BUCKETS = PROCLOCKS_PER_PARTITION;

  private static final long HEADER = 64;
  private static final long LOCK_BUCKETS_OFF = HEADER;
  private static final long PROCLOCK_BUCKETS_OFF = LOCK_BUCKETS_OFF + 4L * LOCK_BUCKETS;
  private static final long LOCKS_OFF = PROCLOCK_BUCKETS_OFF + 4L * PROCLOCK_BUCKETS;
  private static final long LOCK_SIZE = 64;
  private static final long PROCLOCKS_OFF = LOCKS_OFF + LOCK_SIZE * LOCKS_PER_PARTITION;
  private static final long PROCLOCK_SIZE = 32;
  private static final long PARTITION_SIZE = PROCLOCKS_OFF + PROCLOCK_SIZE * PROCLOCKS_PER_PARTITION;

  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

  private final MemorySegment seg;

  static long sharedSize() { return PARTITION_SIZE * PARTITIONS; }

  LockPartitions(SharedMemory shm) { this.seg = shm.reserve(sharedSize()); }

  // ---- tags and partitions ----

  static long hash(LockTag tag) {
    long h = (tag.kind().ordinal() + 1) * 0x9E3779B97F4A7C15L ^ tag.id();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  static int partitionOf(long hash) { return (int) (hash & (PARTITIONS - 1)); }

  private static long base(int p) { return p * PARTITION_SIZE; }

  void latch(int p) { Latch.acquireExclusive(seg, base(p)); }

  void unlatch(int p) { Latch.release(seg, base(p)); }

  /** Deadlock detection: every partition, in order (PostgreSQL's DeadLockCheck takes them all the same way). */
  void latchAll() {
    for (int p = 0; p < PARTITIONS; p++) latch(p);
  }

  void unlatchAll() {
    for (int p = PARTITIONS - 1; p >= 0; p--) unlatch(p);
  }

  // ---- LOCK entries ----

  private long lockOff(int p, int lock) { return base(p) + LOCKS_OFF + (lock - 1) * LOCK_SIZE; }

  private long lockBucketOff(int p, long hash) {
    return base(p) + LOCK_BUCKETS_OFF + 4L * (int) Long.remainderUnsigned(hash >>> 4, LOCK_BUCKETS);
  }

  /** The LOCK of {@code tag} in partition {@code p}, or 0. */
  int find(int p, long hash, LockTag tag) {
    long kind = tag.kind().ordinal() + 1;
    for (int l = seg.get(INT, lockBucketOff(p, hash)); l != 0; l = seg.get(INT, lockOff(p, l) + 16)) {
      long off = lockOff(p, l);
      if (seg.get(LONG, off) == kind && seg.get(LONG, off + 8) == tag.id()) return l;
    }
    return 0;
  }

  /** The LOCK of {@code tag}, created empty if there is none; 53200 when the partition is full. */
  int findOrCreate(int p, long hash, LockTag tag) {
    int l = find(p, hash, tag);
    if (l != 0) return l;
    l = allocate(p, 8, 12, LOCKS_PER_PARTITION, LOCK_SIZE, LOCKS_OFF);
    long off = lockOff(p, l);
    seg.asSlice(off, LOCK_SIZE).fill((byte) 0);
    seg.set(LONG, off, tag.kind().ordinal() + 1);
    seg.set(LONG, off + 8, tag.id());
    long bucket = lockBucketOff(p, hash);
    seg.set(INT, off + 16, seg.get(INT, bucket));
    seg.set(INT, bucket, l);
    return l;
  }

  /** Frees the LOCK if nobody holds it or waits for it (then it is unlinked from its bucket). */
  void freeIfUnused(int p, long hash, int l) {
    long off = lockOff(p, l);
    if (seg.get(INT, off + 20) != 0 || seg.get(INT, off + 24) != 0) return;
    long bucket = lockBucketOff(p, hash);
    int prev = 0;
    for (int c = seg.get(INT, bucket); c != 0; prev = c, c = seg.get(INT, lockOff(p, c) + 16)) {
      if (c != l) continue;
      int next = seg.get(INT, off + 16);
      if (prev == 0) seg.set(INT, bucket, next);
      else seg.set(INT, lockOff(p, prev) + 16, next);
      break;
    }
    seg.set(LONG, off, 0);
    seg.set(INT, off + 16, seg.get(INT, base(p) + 12)); // free list through hashNext
    seg.set(INT, base(p) + 12, l);
  }

  int grantMask(int p, int l) { return seg.get(INT, lockOff(p, l) + 28); }

  int grantedCount(int p, int l, LockMode m) { return seg.get(INT, lockOff(p, l) + 32 + 4L * m.ordinal()); }

  int waiters(int p, int l) { return seg.get(INT, lockOff(p, l) + 24); }

  void addWaiter(int p, int l, int delta) {
    long off = lockOff(p, l) + 24;
    seg.set(INT, off, seg.get(INT, off) + delta);
  }

  int firstProcLock(int p, int l) { return seg.get(INT, lockOff(p, l) + 20); }

  /** True if {@code mode} conflicts with a mode some holder other than the one holding {@code ownModes} holds. */
  boolean conflictsWithOthers(int p, int l, LockMode mode, int ownModes) {
    int granted = grantMask(p, l);
    if (!mode.conflictsWithAny(granted)) return false;
    int others = 0;
    for (LockMode m : LockMode.VALUES) {
      if ((granted & m.bit()) == 0) continue;
      if (grantedCount(p, l, m) > ((ownModes & m.bit()) != 0 ? 1 : 0)) others |= m.bit();
    }
    return mode.conflictsWithAny(others);
  }

  // ---- PROCLOCK entries ----

  private long procLockOff(int p, int pl) { return base(p) + PROCLOCKS_OFF + (pl - 1) * PROCLOCK_SIZE; }

  private long procLockBucketOff(int p, int l, int proc) {
    int h = (l * 0x9E3779B1) ^ (proc * 0x85EBCA6B);
    return base(p) + PROCLOCK_BUCKETS_OFF + 4L * Integer.remainderUnsigned(h, PROCLOCK_BUCKETS);
  }

  /** The PROCLOCK of {@code proc} on LOCK {@code l}, or 0. */
  int findProcLock(int p, int l, int proc) {
    for (int pl = seg.get(INT, procLockBucketOff(p, l, proc)); pl != 0; pl = seg.get(INT, procLockOff(p, pl) + 12)) {
      long off = procLockOff(p, pl);
      if (seg.get(INT, off) == l && seg.get(INT, off + 4) == proc) return pl;
    }
    return 0;
  }

  int procLockProc(int p, int pl) { return seg.get(INT, procLockOff(p, pl) + 4); }

  int holdMask(int p, int pl) { return seg.get(INT, procLockOff(p, pl) + 8); }

  int nextInLock(int p, int pl) { return seg.get(INT, procLockOff(p, pl) + 20); }

  /** Grants {@code mode} on LOCK {@code l} to {@code proc} (creating its PROCLOCK; 53200 when full). */
  void grant(int p, int l, int proc, LockMode mode) {
    int pl = findProcLock(p, l, proc);
    if (pl == 0) {
      pl = allocate(p, 16, 20, PROCLOCKS_PER_PARTITION, PROCLOCK_SIZE, PROCLOCKS_OFF);
      long off = procLockOff(p, pl);
      seg.asSlice(off, PROCLOCK_SIZE).fill((byte) 0);
      seg.set(INT, off, l);
      seg.set(INT, off + 4, proc);
      long bucket = procLockBucketOff(p, l, proc);
      seg.set(INT, off + 12, seg.get(INT, bucket));
      seg.set(INT, bucket, pl);
      int first = firstProcLock(p, l);
      seg.set(INT, off + 20, first);
      if (first != 0) seg.set(INT, procLockOff(p, first) + 16, pl);
      seg.set(INT, lockOff(p, l) + 20, pl);
    }
    long off = procLockOff(p, pl);
    int held = seg.get(INT, off + 8);
    if ((held & mode.bit()) != 0) return;
    seg.set(INT, off + 8, held | mode.bit());
    long count = lockOff(p, l) + 32 + 4L * mode.ordinal();
    seg.set(INT, count, seg.get(INT, count) + 1);
    seg.set(INT, lockOff(p, l) + 28, grantMask(p, l) | mode.bit());
  }

  /**
   * Takes back the modes {@code modes} that {@code proc} holds on LOCK {@code l}; frees its PROCLOCK when it holds
   * nothing more. Returns the modes it held of those.
   */
  int ungrant(int p, int l, int proc, int modes) {
    int pl = findProcLock(p, l, proc);
    if (pl == 0) return 0;
    long off = procLockOff(p, pl);
    int held = seg.get(INT, off + 8);
    int dropped = held & modes;
    long lock = lockOff(p, l);
    for (LockMode m : LockMode.VALUES) {
      if ((dropped & m.bit()) == 0) continue;
      long count = lock + 32 + 4L * m.ordinal();
      int n = seg.get(INT, count) - 1;
      seg.set(INT, count, n);
      if (n == 0) seg.set(INT, lock + 28, seg.get(INT, lock + 28) & ~m.bit());
    }
    int left = held & ~modes;
    seg.set(INT, off + 8, left);
    if (left == 0) freeProcLock(p, l, proc, pl);
    return dropped;
  }

  private void freeProcLock(int p, int l, int proc, int pl) {
    long off = procLockOff(p, pl);
    long bucket = procLockBucketOff(p, l, proc);
    int prevHash = 0;
    for (int c = seg.get(INT, bucket); c != 0; prevHash = c, c = seg.get(INT, procLockOff(p, c) + 12)) {
      if (c != pl) continue;
      int next = seg.get(INT, off + 12);
      if (prevHash == 0) seg.set(INT, bucket, next);
      else seg.set(INT, procLockOff(p, prevHash) + 12, next);
      break;
    }
    int prev = seg.get(INT, off + 16);
    int next = seg.get(INT, off + 20);
    if (prev == 0) seg.set(INT, lockOff(p, l) + 20, next);
    else seg.set(INT, procLockOff(p, prev) + 20, next);
    if (next != 0) seg.set(INT, procLockOff(p, next) + 16, prev);
    seg.set(INT, off, 0);
    seg.set(INT, off + 12, seg.get(INT, base(p) + 20)); // free list through hashNext
    seg.set(INT, base(p) + 20, pl);
  }

  /** An entry from the free list or above the high-water mark; 53200 (PostgreSQL's wording) when full. */
  private int allocate(int p, long highOff, long freeOff, int capacity, long entrySize, long entriesOff) {
    int free = seg.get(INT, base(p) + freeOff);
    if (free != 0) {
      seg.set(INT, base(p) + freeOff, seg.get(INT, base(p) + entriesOff + (free - 1) * entrySize + 12
          + (entrySize == LOCK_SIZE ? 4 : 0)));
      return free;
    }
    int high = seg.get(INT, base(p) + highOff);
    if (high == capacity) {
      throw DbException.of(SqlState.OUT_OF_MEMORY, "out of shared memory")
          .withHint("You might need to increase max_locks_per_transaction.");
    }
    seg.set(INT, base(p) + highOff, high + 1);
    return high + 1;
  }
}
