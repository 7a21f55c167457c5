package org.minidb.storage.engine;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.shmem.ShmemWords;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.wal.Lsn;
import org.minidb.storage.wal.ResourceManagers;
import org.minidb.storage.wal.Wal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint (PostgreSQL's CreateCheckPoint), run by whoever asks: the background checkpointer
 * ({@link BackgroundCheckpointer}, spread), CHECKPOINT, flush, close and the end of recovery (immediate):
 * <ol>
 * <li>choose the redo point (the current WAL insert position; from now on a page's first change is logged
 *     whole);
 * <li>write every dirty buffer (each after the WAL is flushed to its LSN) and fsync the relation files;
 * <li>write and fsync the commit log (every commit before the redo point is in it: see
 *     {@link Wal#beginCheckpoint});
 * <li>insert the checkpoint record and flush the WAL;
 * <li>record checkpoint and redo point in the control file (atomic rewrite): from now on recovery starts there;
 * <li>recycle the WAL segments wholly before the redo point: renamed to future segment names up to what
 *     {@link #recycleLimit} allows (min_wal_size, max_wal_size and the checkpoint distance), removed beyond.
 * </ol>
 * A crash anywhere before step 5 leaves the previous checkpoint in force, whose WAL is still there.
 *
 * <p>Shared words (in the shared region, so every backend process sees them): 0 immediate requests (a
 * counter: a spread checkpoint that sees it move finishes at full speed), 8 checkpoints done, 16 start time of
 * the last checkpoint (epoch ms), 24 end of the last checkpoint record (no WAL since: a timed checkpoint is
 * skipped), 32 timed checkpoints, 40 checkpoints requested by WAL volume, 48 redo point of the last checkpoint,
 * 56 checkpoint distance estimate (bytes of WAL between redo points, PostgreSQL's CheckPointDistanceEstimate).
 */
final class Checkpointer {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
  static final int IMMEDIATE_REQUESTS = 0, DONE = 8, LAST_START_MILLIS = 16, LAST_END_LSN = 24, TIMED = 32,
      BY_WAL_SIZE = 40, LAST_REDO = 48, DISTANCE_ESTIMATE = 56;
  /** PostgreSQL's checkpoint_completion_target: a spread checkpoint aims to end at 90 % of the interval. */
  static final double COMPLETION_TARGET = 0.9;
  private static final long WRITE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final MemorySegment ctl;
  private final Wal wal;
  private final BufferPool pool;
  private final MvccTransactionManager tm;
  private final long minWalSize;
  private final long maxWalSize;

  static long[] sharedSizes() { return new long[] {64}; }

  Checkpointer(SharedMemory shm, Wal wal, BufferPool pool, MvccTransactionManager tm, long minWalSize,
      long maxWalSize) {
    this.ctl = shm.reserve(64);
    this.wal = wal;
    this.pool = pool;
    this.tm = tm;
    this.minWalSize = minWalSize;
    this.maxWalSize = maxWalSize;
    ShmemWords.set(ctl, LAST_START_MILLIS, System.currentTimeMillis());
  }

  MemorySegment shared() { return ctl; }

  /** An immediate checkpoint (CHECKPOINT, flush, shutdown, end of recovery). */
  void checkpoint(boolean shutdown) {
    ShmemWords.getAndAdd(ctl, IMMEDIATE_REQUESTS, 1);
    checkpoint(shutdown, 0, 0);
  }

  /**
   * A checkpoint whose page writes are spread so that it ends at {@link #COMPLETION_TARGET} of
   * {@code intervalMillis} or of {@code walBytes} of new WAL, whichever comes first (PostgreSQL's
   * IsCheckpointOnSchedule); 0 for both: at full speed.
   */
  synchronized void checkpoint(boolean shutdown, long intervalMillis, long walBytes) {
    long startNanos = System.nanoTime();
    ShmemWords.set(ctl, LAST_START_MILLIS, System.currentTimeMillis());
    long requestsAtStart = ShmemWords.get(ctl, IMMEDIATE_REQUESTS);
    long segmentsAddedAtStart = wal.segmentsAdded();
    long redo = wal.beginCheckpoint();
    int toWrite = Math.max(1, pool.dirtyBuffers());
    int[] written = {0};
    boolean spread = intervalMillis > 0 || walBytes > 0;
    pool.flushAll(() -> {
      written[0]++;
      if (!spread) return;
      // On schedule (ahead of both time and WAL): sleep a little; an immediate request ends the pacing.
      for (int i = 0; i < 50 && ShmemWords.get(ctl, IMMEDIATE_REQUESTS) == requestsAtStart; i++) {
        double progress = COMPLETION_TARGET * Math.min(1.0, (double) written[0] / toWrite);
        double byTime = intervalMillis <= 0 ? 0
            : (System.nanoTime() - startNanos) / (double) TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        double byWal = walBytes <= 0 ? 0 : (wal.insertPosition() - redo) / (double) walBytes;
        if (progress < byTime || progress < byWal) return;
        LockSupport.parkNanos(WRITE_DELAY_NANOS);
      }
    });
    tm.flush();
    byte[] data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(redo).putLong(tm.nextXid()).putLong(tm.nextOid()).array();
    long end = wal.insert(0, ResourceManagers.XLOG,
        shutdown ? ResourceManagers.XLOG_CHECKPOINT_SHUTDOWN : ResourceManagers.XLOG_CHECKPOINT_ONLINE, data);
    long checkpointLsn = wal.lastRecord();
    wal.flush(end);
    tm.checkpointDone(checkpointLsn, redo, shutdown);
    long priorRedo = ShmemWords.get(ctl, LAST_REDO);
    long distance = priorRedo == 0 ? 0 : Math.max(0, redo - priorRedo);
    long estimate = updateDistanceEstimate(distance);
    ShmemWords.set(ctl, LAST_REDO, redo);
    int[] removedRecycled = wal.recycleSegmentsBefore(redo, recycleLimit(redo, estimate));
    ShmemWords.set(ctl, LAST_END_LSN, end);
    ShmemWords.getAndAdd(ctl, DONE, 1);
    // PostgreSQL's log_checkpoints line (on by default in 15), without the per-file sync figures.
    log.info("checkpoint complete: wrote {} buffers ({}%); {} WAL file(s) added, {} removed, {} recycled;"
        + " total={} s; distance={} kB, estimate={} kB", written[0],
        String.format("%.1f", 100.0 * written[0] / Math.max(1, pool.nbuffers())),
        wal.segmentsAdded() - segmentsAddedAtStart, removedRecycled[0], removedRecycled[1],
        String.format("%.3f", (System.nanoTime() - startNanos) / 1e9), distance / 1024, estimate / 1024);
    log.debug("checkpoint at {}, redo {}; {} WAL flush requests served by {} flushes so far",
        Lsn.format(checkpointLsn), Lsn.format(redo), wal.flushRequests(), wal.flushes());
  }

  /**
   * PostgreSQL's UpdateCheckPointDistanceEstimate: a moving average of the WAL written between checkpoints that
   * follows an increase at once (so a burst does not find too few recycled segments).
   */
  private long updateDistanceEstimate(long distance) {
    long old = ShmemWords.get(ctl, DISTANCE_ESTIMATE);
    long next = distance > old ? distance : (long) (0.90 * old + 0.10 * distance);
    ShmemWords.set(ctl, DISTANCE_ESTIMATE, next);
    return next;
  }

  /**
   * The last segment number an old segment may be recycled to (PostgreSQL's XLOGfileslop): enough segments for
   * the WAL expected until the end of the next checkpoint ((1 + completion target) x the distance estimate,
   * + 10 %), but at least min_wal_size and at most max_wal_size of WAL counted from the redo point.
   */
  long recycleLimit(long redo, long estimate) {
    long minSegno = Lsn.segment(redo) + Math.max(1, minWalSize / Lsn.SEGMENT_SIZE) - 1;
    long maxSegno = Lsn.segment(redo) + Math.max(1, maxWalSize / Lsn.SEGMENT_SIZE) - 1;
    double distance = (1.0 + COMPLETION_TARGET) * estimate * 1.10;
    long wanted = (long) Math.ceil((redo + distance) / Lsn.SEGMENT_SIZE);
    return Math.max(minSegno, Math.min(maxSegno, wanted));
  }

  /** Checkpoints completed since the shared region was created. */
  long checkpointsDone() { return ShmemWords.get(ctl, DONE); }

  /** Checkpoints the background checkpointer started because of WAL volume (max_wal_size). */
  long checkpointsByWalSize() { return ShmemWords.get(ctl, BY_WAL_SIZE); }
}
