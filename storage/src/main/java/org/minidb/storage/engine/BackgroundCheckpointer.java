package org.minidb.storage.engine;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.minidb.storage.shmem.ShmemWords;
import org.minidb.storage.wal.Wal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpointer process of PostgreSQL, as a daemon thread: it starts a spread checkpoint when
 * checkpoint_timeout has passed since the last one began (and WAL was written since), or when the WAL since
 * the last redo point reaches max_wal_size / (1 + checkpoint_completion_target), PostgreSQL's trigger
 * (CheckPointSegments). Its schedule is read from the shared words of {@link Checkpointer}, so checkpoints
 * requested by anyone (CHECKPOINT, flush) count. It is never interrupted (an interrupt would close the
 * relation files' channels mid-write): {@link #close} sets a flag, unparks it and waits for it.
 */
final class BackgroundCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundCheckpointer.class);
  private static final long MAX_NAP_MILLIS = 1000;

  private final Checkpointer checkpointer;
  private final Wal wal;
  private final long timeoutMillis;
  private final long walTrigger;
  private final MemorySegment ctl;
  private volatile boolean stopping;
  private Thread thread;

  BackgroundCheckpointer(Checkpointer checkpointer, Wal wal, long timeoutMillis, long maxWalSizeBytes) {
    this.checkpointer = checkpointer;
    this.wal = wal;
    this.timeoutMillis = timeoutMillis;
    this.walTrigger = Math.max(1, (long) (maxWalSizeBytes / (1 + Checkpointer.COMPLETION_TARGET)));
    this.ctl = checkpointer.shared();
  }

  void start() {
    if (timeoutMillis <= 0) return;
    thread = Thread.ofPlatform().daemon().name("checkpointer").start(this::run);
  }

  private void run() {
    while (!stopping) {
      long sinceLast = System.currentTimeMillis() - ShmemWords.get(ctl, Checkpointer.LAST_START_MILLIS);
      boolean walDue = wal.insertPosition() - wal.redoPointer() >= walTrigger;
      boolean activity = wal.insertPosition() != ShmemWords.get(ctl, Checkpointer.LAST_END_LSN);
      boolean timeDue = sinceLast >= timeoutMillis && activity;
      if (walDue || timeDue) {
        ShmemWords.getAndAdd(ctl, walDue ? Checkpointer.BY_WAL_SIZE : Checkpointer.TIMED, 1);
        try {
          checkpointer.checkpoint(false, timeoutMillis, walTrigger);
        } catch (RuntimeException e) {
          // Nothing is lost: the previous checkpoint stays in force and its WAL is kept. Try again later.
          log.error("checkpoint failed", e);
          ShmemWords.set(ctl, Checkpointer.LAST_START_MILLIS, System.currentTimeMillis());
        }
        continue;
      }
      long nap = Math.min(MAX_NAP_MILLIS, Math.max(10, timeoutMillis - sinceLast));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(nap));
    }
  }

  /** Stops the thread; a checkpoint in progress is hurried (an immediate request) and finished first. */
  @Override
  public void close() {
    stopping = true;
    Thread t = thread;
    if (t == null) return;
    ShmemWords.getAndAdd(ctl, Checkpointer.IMMEDIATE_REQUESTS, 1);
    LockSupport.unpark(t);
    try {
      t.join(TimeUnit.MINUTES.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
