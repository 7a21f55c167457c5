package org.minidb.storage.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.wal.Lsn;
import org.minidb.storage.wal.ResourceManagers;
import org.minidb.storage.wal.Wal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint (PostgreSQL's CreateCheckPoint), run synchronously by whoever asks (flush, close, the end of
 * recovery; a background checkpointer is not there yet):
 * <ol>
 * <li>choose the redo point (the current WAL insert position; from now on a page's first change is logged
 *     whole);
 * <li>write every dirty buffer (each after the WAL is flushed to its LSN) and fsync the relation files;
 * <li>write and fsync the commit log (every commit before the redo point is in it: see
 *     {@link Wal#beginCheckpoint});
 * <li>insert the checkpoint record and flush the WAL;
 * <li>record checkpoint and redo point in the control file (atomic rewrite): from now on recovery starts there;
 * <li>remove the WAL segments wholly before the redo point.
 * </ol>
 * A crash anywhere before step 5 leaves the previous checkpoint in force, whose WAL is still there.
 */
final class Checkpointer {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final Wal wal;
  private final BufferPool pool;
  private final MvccTransactionManager tm;

  Checkpointer(Wal wal, BufferPool pool, MvccTransactionManager tm) {
    this.wal = wal;
    this.pool = pool;
    this.tm = tm;
  }

  synchronized void checkpoint(boolean shutdown) {
    long redo = wal.beginCheckpoint();
    pool.flushAll();
    tm.flush();
    byte[] data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(redo).putLong(tm.nextXid()).putLong(tm.nextOid()).array();
    long end = wal.insert(0, ResourceManagers.XLOG,
        shutdown ? ResourceManagers.XLOG_CHECKPOINT_SHUTDOWN : ResourceManagers.XLOG_CHECKPOINT_ONLINE, data);
    long checkpointLsn = wal.lastRecord();
    wal.flush(end);
    tm.checkpointDone(checkpointLsn, redo, shutdown);
    int removed = wal.segments().removeBefore(redo);
    log.debug("checkpoint complete at {}: redo {}, {} WAL segment(s) removed; {} WAL flush requests served by {} flushes",
        Lsn.format(checkpointLsn), Lsn.format(redo), removed, wal.flushRequests(), wal.flushes());
  }
}
