package org.minidb.storage.wal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's WAL writer, as a daemon thread of the server: it makes asynchronous commits durable
 * (synchronous_commit = off). Every wal_writer_delay it flushes the WAL up to the latest async commit record
 * ({@link Wal#asyncCommitLsn()}, a shared word) when that is not durable yet; a committer nudges it earlier
 * once wal_writer_flush_after bytes of async commits wait. So an acknowledged async commit is at risk for
 * about wal_writer_delay (PostgreSQL documents up to three times wal_writer_delay).
 *
 * <p>Its state is the WAL's shared words (the target, the flushed position), so a WAL writer in another
 * process would work the same; the nudge (an unpark) is a per-process accelerator on top of the timed sleep.
 * It is never interrupted (an interrupt would close the segment's FileChannel): {@link #close} sets a flag,
 * unparks it and joins.
 */
public final class WalWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalWriter.class);

  private final Wal wal;
  private final long delayNanos;
  private final long flushAfterBytes;
  private volatile boolean stopping;
  private volatile Thread thread;
  private volatile long flushes;

  /**
   * @param delayMillis wal_writer_delay
   * @param flushAfterBytes wal_writer_flush_after: this much async-committed WAL waiting wakes the writer at
   *     once; 0: every async commit wakes it
   */
  public WalWriter(Wal wal, long delayMillis, long flushAfterBytes) {
    this.wal = wal;
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, delayMillis));
    this.flushAfterBytes = Math.max(0, flushAfterBytes);
  }

  public void start() {
    thread = Thread.ofPlatform().daemon().name("walwriter").start(this::run);
    wal.attachWriter(this);
  }

  private void run() {
    while (!stopping) {
      try {
        backgroundFlush();
      } catch (RuntimeException e) {
        // The async commits stay at risk until the next round succeeds; a sync flush will also cover them.
        log.error("could not flush the WAL in the background", e);
      }
      LockSupport.parkNanos(this, delayNanos);
    }
  }

  /** One round (PostgreSQL's XLogBackgroundFlush): flushes up to the latest async commit if needed. */
  void backgroundFlush() {
    long target = wal.asyncCommitLsn();
    if (wal.needsFlush(target)) {
      wal.flush(target);
      flushes++;
    }
  }

  /** Called by an async committer: {@code pending} bytes of WAL are not durable. */
  void nudgeIfDue(long pending) {
    Thread t = thread;
    if (t != null && pending >= flushAfterBytes) LockSupport.unpark(t);
  }

  /** Rounds that flushed (tests). */
  public long flushes() { return flushes; }

  /** Stops the thread after its current round; the caller's shutdown checkpoint flushes the rest. */
  @Override
  public void close() {
    stopping = true;
    wal.attachWriter(null);
    Thread t = thread;
    if (t == null) return;
    LockSupport.unpark(t);
    try {
      t.join(TimeUnit.MINUTES.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
