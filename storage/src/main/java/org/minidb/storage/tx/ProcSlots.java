package org.minidb.storage.tx;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.shmem.ShmemWords;

/**
 * One slot per transaction that takes heavyweight locks (PostgreSQL's PGPROC, the part the lock manager uses),
 * in the shared region: {@code 0 highWater | 64.. slots of 64 bytes: 0 owner (0 = free) | 8 backend pid | 12
 * wait mode (ordinal + 1, 0 = not waiting) | 16 waiting-for tag kind (ordinal + 1) | 24 tag id | 32 semaphore}.
 *
 * <p>The wait fields are written only under the latch of the partition of the tag waited for (so a releaser,
 * holding that latch, sees exactly who waits for its tag); the deadlock detector reads them with every partition
 * latched. The semaphore is a counter: a waker increments it, a sleeper parks while it is unchanged.
 *
 * <p>Waking a sleeper of this process is immediate: an in-process accelerator maps slots to parked threads (as
 * the WAL's flush waiters do). A waker in another process cannot unpark our threads, so a sleeper never parks for
 * longer than {@link #RECHECK_NANOS} before it looks at the shared state again: process mode only loses latency.
 */
final class ProcSlots {
  static final int MAX_PROCS = ProcArray.MAX_SLOTS;
  /** The bound on a missed wake-up (a waker in another process). */
  static final long RECHECK_NANOS = 50_000_000L;
  private static final long HEADER = 64;
  private static final long SLOT = 64;

  private final MemorySegment seg;
  /** In-process accelerator: the thread sleeping on each slot, or null. */
  private final AtomicReferenceArray<Thread> sleepers = new AtomicReferenceArray<>(MAX_PROCS);

  static long sharedSize() { return HEADER + SLOT * MAX_PROCS; }

  ProcSlots(SharedMemory shm) { this.seg = shm.reserve(sharedSize()); }

  private static long off(int slot) { return HEADER + SLOT * slot; }

  /** Claims a free slot for a transaction of backend {@code backendPid} (first fit from a hint). */
  int claim(int backendPid) {
    int start = Math.floorMod(backendPid, MAX_PROCS);
    for (int i = 0; i < MAX_PROCS; i++) {
      int slot = (start + i) % MAX_PROCS;
      if (ShmemWords.get(seg, off(slot)) == 0 && ShmemWords.cas(seg, off(slot), 0, 1)) {
        ShmemWords.setInt(seg, off(slot) + 8, backendPid);
        ShmemWords.setInt(seg, off(slot) + 12, 0);
        for (;;) {
          long high = ShmemWords.get(seg, 0);
          if (high > slot || ShmemWords.cas(seg, 0, high, slot + 1)) break;
        }
        return slot;
      }
    }
    throw DbException.of(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
  }

  /** The transaction ended and holds no lock any more. */
  void release(int slot) { ShmemWords.set(seg, off(slot), 0); }

  /** Slots below this may be in use. */
  int highWater() { return (int) ShmemWords.get(seg, 0); }

  int backendPid(int slot) { return ShmemWords.getInt(seg, off(slot) + 8); }

  /** The mode the slot waits for, or null. Read under the waited tag's partition latch (or all of them). */
  LockMode waitMode(int slot) {
    int m = ShmemWords.getInt(seg, off(slot) + 12);
    return m == 0 ? null : LockMode.VALUES[m - 1];
  }

  LockTag waitTag(int slot) {
    long kind = ShmemWords.get(seg, off(slot) + 16);
    return new LockTag(LockTag.Kind.values()[(int) kind - 1], ShmemWords.get(seg, off(slot) + 24));
  }

  /** True if the slot waits for {@code tag} (any mode). */
  boolean waitsFor(int slot, LockTag tag) {
    return ShmemWords.getInt(seg, off(slot) + 12) != 0
        && ShmemWords.get(seg, off(slot) + 16) == tag.kind().ordinal() + 1
        && ShmemWords.get(seg, off(slot) + 24) == tag.id();
  }

  /** Records the wait (under the tag's partition latch) and registers the calling thread as its sleeper. */
  void startWait(int slot, LockTag tag, LockMode mode) {
    sleepers.set(slot, Thread.currentThread());
    ShmemWords.set(seg, off(slot) + 16, tag.kind().ordinal() + 1);
    ShmemWords.set(seg, off(slot) + 24, tag.id());
    ShmemWords.setInt(seg, off(slot) + 12, mode.ordinal() + 1);
  }

  /** The wait is over (under the tag's partition latch). */
  void endWait(int slot) {
    ShmemWords.setInt(seg, off(slot) + 12, 0);
    sleepers.set(slot, null);
  }

  long semaphore(int slot) { return ShmemWords.get(seg, off(slot) + 32); }

  /** PGSemaphoreUnlock: the sleeper on {@code slot} looks again. */
  void wake(int slot) {
    ShmemWords.getAndAdd(seg, off(slot) + 32, 1);
    Thread t = sleepers.get(slot);
    if (t != null) LockSupport.unpark(t);
  }

  /**
   * PGSemaphoreLock with a bound: sleeps until the semaphore moves from {@code seen} (read before the caller's
   * last look at the shared state, so no wake-up is lost) or {@code nanos} pass (at most {@link #RECHECK_NANOS}).
   */
  void sleep(int slot, long seen, long nanos) {
    long until = System.nanoTime() + Math.min(nanos, RECHECK_NANOS);
    for (long left; semaphore(slot) == seen && (left = until - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(this, left);
    }
  }
}
