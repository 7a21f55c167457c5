package org.minidb.storage.tx;

import java.util.List;
import org.minidb.common.cancel.QueryCancel;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.shmem.SharedMemory;

/**
 * Heavyweight locks held until the end of the owning transaction (PostgreSQL's lock manager, lock.c and proc.c),
 * all in the shared region: the LOCK/PROCLOCK table ({@link LockPartitions}, 16 latched partitions) and one slot
 * per locking transaction ({@link ProcSlots}, PGPROC). A tag (relation or xid) is granted in a mode when that mode
 * conflicts with no mode another transaction holds on it; otherwise the requester records its wait in its slot
 * and sleeps on the slot's semaphore; a release that leaves waiters on the LOCK wakes each of them, and each looks
 * again under the partition latch.
 *
 * <p>Deadlocks: a waiter whose wait has lasted deadlock_timeout runs {@link DeadlockDetector} once; if its wait
 * closes a cycle it gives up with 40P01 (PostgreSQL's victim rule). lock_timeout ends the wait with TIMED_OUT,
 * NOWAIT refuses at once, a cancel request wakes the sleeper (its waker bumps the semaphore) and 57014 follows.
 *
 * <p>Weak relation locks (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE) take {@link FastPathLocks} when they can: the
 * requesting slot's own array, no shared-table entry at all.
 *
 * <p>Invariants: a caller holds no page latch (a latch held while sleeping could deadlock invisibly); a partition
 * latch is never held while sleeping or while another partition's latch is requested, except by the detector,
 * which takes them all in order; a fast-path array latch may be held while a partition latch is requested
 * (transfer), never the other way round. Waiters are not queued in order: a weak request may pass a waiting strong one
 * (PostgreSQL queues them).
 */
final class LockTable {
  private final LockPartitions partitions;
  private final ProcSlots procs;
  private final DeadlockDetector detector;
  private final FastPathLocks fastPath;

  static long[] sharedSizes() {
    return new long[] {LockPartitions.sharedSize(), ProcSlots.sharedSize(), FastPathLocks.sharedSize()};
  }

  LockTable(SharedMemory shm) {
    this.partitions = new LockPartitions(shm);
    this.procs = new ProcSlots(shm);
    this.fastPath = new FastPathLocks(shm);
    this.detector = new DeadlockDetector(partitions, procs);
  }

  /** How a request ended without being granted. */
  enum Refusal { NONE, NOT_AVAILABLE, TIMED_OUT }

  /** A slot for a transaction's locks (claimed at its first lock, released with its last). */
  int claimProc(int backendPid) { return procs.claim(backendPid); }

  /**
   * Grants {@code mode} on {@code tag} to the transaction of slot {@code proc}, waiting while others hold a
   * conflicting mode.
   *
   * @param timeoutMillis 0 to wait without limit, negative not to wait at all (NOWAIT)
   * @param deadlockTimeoutMillis how long to wait before looking for a deadlock
   * @param cancel the backend's cancel state: a cancel request ends the wait
   * @return {@link Refusal#NONE} once granted; NOT_AVAILABLE (NOWAIT) or TIMED_OUT otherwise
   * @throws DbException 40P01 if the wait is part of a deadlock; 57014 when the statement is cancelled; 53200
   *     when the lock table is full
   */
  Refusal acquire(int proc, LockTag tag, LockMode mode, long timeoutMillis, long deadlockTimeoutMillis,
      QueryCancel cancel) {
    if (FastPathLocks.weak(tag, mode) && fastPath.tryGrant(proc, tag.id(), mode)) return Refusal.NONE;
    if (!FastPathLocks.strong(tag, mode)) return acquireShared(proc, tag, mode, timeoutMillis, deadlockTimeoutMillis, cancel);
    fastPath.beginStrong(tag.id());
    Refusal r = null;
    try {
      fastPath.transfer(tag.id(), procs.highWater(), (holder, modes) -> grantAll(tag, holder, modes));
      r = acquireShared(proc, tag, mode, timeoutMillis, deadlockTimeoutMillis, cancel);
      return r;
    } finally {
      if (r != Refusal.NONE) fastPath.endStrong(tag.id()); // kept while the strong lock is held
    }
  }

  /** Grants fast-path modes of another slot in the shared table (a strong request moves them there). */
  private void grantAll(LockTag tag, int holder, int modes) {
    long hash = LockPartitions.hash(tag);
    int p = LockPartitions.partitionOf(hash);
    partitions.latch(p);
    try {
      int l = partitions.findOrCreate(p, hash, tag);
      for (LockMode m : LockMode.VALUES) {
        if ((modes & m.bit()) != 0) partitions.grant(p, l, holder, m);
      }
    } finally {
      partitions.unlatch(p);
    }
  }

  /** The request in the shared table (lock.c's LockAcquire past the fast path). */
  private Refusal acquireShared(int proc, LockTag tag, LockMode mode, long timeoutMillis, long deadlockTimeoutMillis,
      QueryCancel cancel) {
    long hash = LockPartitions.hash(tag);
    int p = LockPartitions.partitionOf(hash);
    partitions.latch(p);
    try {
      int l = partitions.findOrCreate(p, hash, tag);
      try {
        if (tryGrant(p, l, proc, mode)) return Refusal.NONE;
      } catch (RuntimeException e) { // 53200: no PROCLOCK left
        partitions.freeIfUnused(p, hash, l);
        throw e;
      }
      if (timeoutMillis < 0) {
        partitions.freeIfUnused(p, hash, l);
        return Refusal.NOT_AVAILABLE;
      }
      partitions.addWaiter(p, l, 1);
      procs.startWait(proc, tag, mode);
    } finally {
      partitions.unlatch(p);
    }
    return sleep(proc, tag, hash, p, mode, timeoutMillis, deadlockTimeoutMillis, cancel);
  }

  private boolean tryGrant(int p, int l, int proc, LockMode mode) {
    int pl = partitions.findProcLock(p, l, proc);
    int own = pl == 0 ? 0 : partitions.holdMask(p, pl);
    if (partitions.conflictsWithOthers(p, l, mode, own)) return false;
    partitions.grant(p, l, proc, mode);
    return true;
  }

  /** ProcSleep: the slot is recorded as waiting; returns granted, or ends the wait otherwise. */
  private Refusal sleep(int proc, LockTag tag, long hash, int p, LockMode mode, long timeoutMillis,
      long deadlockTimeoutMillis, QueryCancel cancel) {
    long start = System.nanoTime();
    long deadline = timeoutMillis > 0 ? start + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
    long deadlockCheckAt = start + Math.max(1, deadlockTimeoutMillis) * 1_000_000L;
    boolean waiting = true;
    cancel.setWaker(() -> procs.wake(proc));
    try {
      for (;;) {
        long seen = procs.semaphore(proc);
        cancel.check(); // after setWaker: a request either is seen here or bumps the semaphore
        partitions.latch(p);
        try {
          int l = partitions.find(p, hash, tag); // kept alive by our waiter count
          if (tryGrant(p, l, proc, mode)) {
            stopWaiting(proc, hash, p, l);
            waiting = false;
            return Refusal.NONE;
          }
        } finally {
          partitions.unlatch(p);
        }
        long now = System.nanoTime();
        if (now - deadline >= 0) return Refusal.TIMED_OUT;
        if (deadlockCheckAt != Long.MAX_VALUE && now - deadlockCheckAt >= 0) {
          deadlockCheckAt = Long.MAX_VALUE; // once per wait, as PostgreSQL
          // Under every partition latch: a victim leaves the wait graph before another check can see it.
          List<String> cycle = detector.check(proc, () -> stopWaiting(proc, hash, p, partitions.find(p, hash, tag)));
          if (cycle != null) {
            waiting = false;
            throw DbException.of(SqlState.DEADLOCK_DETECTED, "deadlock detected")
                .withDetail(String.join("\n", cycle))
                .withHint("See server log for query details.");
          }
        }
        long next = Math.min(deadline, deadlockCheckAt);
        procs.sleep(proc, seen, next == Long.MAX_VALUE ? ProcSlots.RECHECK_NANOS : Math.max(1, next - now));
      }
    } finally {
      cancel.setWaker(null);
      if (waiting) {
        partitions.latch(p);
        try {
          stopWaiting(proc, hash, p, partitions.find(p, hash, tag));
        } finally {
          partitions.unlatch(p);
        }
      }
    }
  }

  /** Under the partition latch: the slot no longer waits on LOCK {@code l}. */
  private void stopWaiting(int proc, long hash, int p, int l) {
    procs.endWait(proc);
    partitions.addWaiter(p, l, -1);
    partitions.freeIfUnused(p, hash, l);
  }

  /** Releases modes of one lock before the end of the transaction (a wait for an xid is over). */
  void release(int proc, LockTag tag, LockMode mode) { release(proc, tag, mode.bit(), mode.bit()); }

  /**
   * Releases {@code modes} of {@code tag}; {@code held}: the modes the caller knows it holds (the shared table is
   * not visited when the fast path had them all).
   */
  private void release(int proc, LockTag tag, int modes, int held) {
    if (tag.kind() == LockTag.Kind.RELATION) {
      int fast = fastPath.release(proc, tag.id(), modes);
      if ((held & modes & ~fast) == 0) return;
    }
    long hash = LockPartitions.hash(tag);
    int p = LockPartitions.partitionOf(hash);
    int dropped;
    partitions.latch(p);
    try {
      int l = partitions.find(p, hash, tag);
      if (l == 0) return;
      dropped = partitions.ungrant(p, l, proc, modes);
      if (partitions.waiters(p, l) > 0) wakeWaiters(tag);
      partitions.freeIfUnused(p, hash, l);
    } finally {
      partitions.unlatch(p);
    }
    for (LockMode m : LockMode.VALUES) {
      if ((dropped & m.bit()) != 0 && FastPathLocks.strong(tag, m)) fastPath.endStrong(tag.id());
    }
  }

  /** Under the tag's partition latch: every slot waiting for {@code tag} looks again. */
  private void wakeWaiters(LockTag tag) {
    int high = procs.highWater();
    for (int s = 0; s < high; s++) {
      if (procs.waitsFor(s, tag)) procs.wake(s);
    }
  }

  /** Releases every lock the slot holds ({@code held}: tag to modes), at the end of the transaction; frees the slot. */
  void releaseAll(int proc, java.util.Map<LockTag, Integer> held) {
    for (java.util.Map.Entry<LockTag, Integer> e : held.entrySet()) release(proc, e.getKey(), -1, e.getValue());
    fastPath.clear(proc);
    procs.release(proc);
  }

  /** True while the transaction waits for a lock (tests). */
  boolean isWaiting(TransactionState tx) { return isWaiting(tx.procSlot()); }

  /** True while the slot waits for a lock (tests, pg_locks). */
  boolean isWaiting(int proc) { return proc >= 0 && procs.waitMode(proc) != null; }

  /** The modes the slot holds on {@code tag} (bits), for tests and pg_locks. */
  int heldModes(int proc, LockTag tag) {
    // The fast-path array first: its latch is never requested while a partition latch is held.
    int fast = tag.kind() == LockTag.Kind.RELATION ? fastPath.held(proc, tag.id()) : 0;
    long hash = LockPartitions.hash(tag);
    int p = LockPartitions.partitionOf(hash);
    partitions.latch(p);
    try {
      int l = partitions.find(p, hash, tag);
      int pl = l == 0 ? 0 : partitions.findProcLock(p, l, proc);
      return fast | (pl == 0 ? 0 : partitions.holdMask(p, pl));
    } finally {
      partitions.unlatch(p);
    }
  }
}
