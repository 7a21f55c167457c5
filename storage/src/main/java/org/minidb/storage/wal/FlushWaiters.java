package org.minidb.storage.wal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of this process waiting for a WAL flush to end (PostgreSQL's wait queue of WALWriteLock, as
 * LWLockAcquireOrWait uses it). A per-process accelerator only: the truth is in the shared words (write latch,
 * flushed position); a waiter re-reads them after every wake-up and never sleeps longer than a bounded fallback,
 * so a flusher in another process (which cannot unpark our threads) delays it by at most that bound.
 *
 * <p>No lost wake-up: a waiter registers first and then re-checks the shared words before it parks; a flusher
 * publishes the new flushed position and releases the latch first and then unparks every registered waiter.
 * Either the waiter's re-check sees the release, or the unpark comes after its registration (and an unpark
 * before the park makes the park return at once).
 */
final class FlushWaiters {
  private final ConcurrentLinkedQueue<Thread> waiting = new ConcurrentLinkedQueue<>();

  void register(Thread t) { waiting.add(t); }

  void deregister(Thread t) { waiting.remove(t); }

  /** Called after the write latch is released: every waiter looks at the shared words again. */
  void wakeAll() {
    for (Thread t : waiting) LockSupport.unpark(t);
  }
}
