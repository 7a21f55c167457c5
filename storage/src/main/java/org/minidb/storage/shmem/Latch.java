package org.minidb.storage.shmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A shared/exclusive latch in one 8-byte word of shared memory (PostgreSQL's LWLock, without a wait queue),
 * taken by compare-and-set. Word: bit 62 = held exclusively, bit 61 = an exclusive waiter exists (new shared
 * holders then wait, so writers are not starved), bits 0..31 = number of shared holders.
 *
 * <p>Latches are short-term: held for the duration of a page access, never across a wait for a lock or a
 * client. They are not re-entrant: a holder must not acquire the same latch again.
 */
public final class Latch {
  private Latch() {}

  private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();
  static final long EXCLUSIVE = 1L << 62;
  static final long WRITER_WAITING = 1L << 61;
  static final long SHARED_MASK = 0xffff_ffffL;

  public static void acquireShared(MemorySegment s, long off) {
    Backoff backoff = null;
    for (;;) {
      long w = (long) WORD.getVolatile(s, off);
      if ((w & (EXCLUSIVE | WRITER_WAITING)) == 0 && WORD.compareAndSet(s, off, w, w + 1)) return;
      if (backoff == null) backoff = new Backoff();
      backoff.pause();
    }
  }

  /**
   * Takes the latch shared if that is possible without waiting; false otherwise. For a holder of other latches
   * who must not wait (the buffer pool flushing a victim: PostgreSQL's LWLockConditionalAcquire there).
   */
  public static boolean tryAcquireShared(MemorySegment s, long off) {
    for (int i = 0; i < 100; i++) {
      long w = (long) WORD.getVolatile(s, off);
      if ((w & (EXCLUSIVE | WRITER_WAITING)) != 0) return false;
      if (WORD.compareAndSet(s, off, w, w + 1)) return true;
    }
    return false;
  }

  public static void acquireExclusive(MemorySegment s, long off) {
    Backoff backoff = null;
    for (;;) {
      long w = (long) WORD.getVolatile(s, off);
      if ((w & ~WRITER_WAITING) == 0) {
        if (WORD.compareAndSet(s, off, w, EXCLUSIVE)) return;
        continue;
      }
      if ((w & WRITER_WAITING) == 0) WORD.compareAndSet(s, off, w, w | WRITER_WAITING);
      if (backoff == null) backoff = new Backoff();
      backoff.pause();
    }
  }

  /**
   * Takes the latch exclusively if no one holds it, without waiting; false otherwise. For callers that have
   * their own way to wait (the WAL flush queue waits for the holder to finish rather than for the latch).
   */
  public static boolean tryAcquireExclusive(MemorySegment s, long off) {
    long w = (long) WORD.getVolatile(s, off);
    return (w & ~WRITER_WAITING) == 0 && WORD.compareAndSet(s, off, w, EXCLUSIVE);
  }

  /** Releases a latch held in either mode. */
  public static void release(MemorySegment s, long off) {
    for (;;) {
      long w = (long) WORD.getVolatile(s, off);
      long n;
      if ((w & EXCLUSIVE) != 0) {
        n = w & ~EXCLUSIVE;
      } else if ((w & SHARED_MASK) != 0) {
        n = w - 1;
      } else {
        throw new IllegalStateException("latch released but not held");
      }
      if (WORD.compareAndSet(s, off, w, n)) return;
    }
  }

  public static boolean heldExclusive(MemorySegment s, long off) {
    return ((long) WORD.getVolatile(s, off) & EXCLUSIVE) != 0;
  }

  public static boolean held(MemorySegment s, long off) {
    return ((long) WORD.getVolatile(s, off) & (EXCLUSIVE | SHARED_MASK)) != 0;
  }
}
