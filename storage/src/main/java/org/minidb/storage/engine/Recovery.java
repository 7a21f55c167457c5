package org.minidb.storage.engine;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.Page;
import org.minidb.storage.tx.ControlFile;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.wal.Lsn;
import org.minidb.storage.wal.PageRecord;
import org.minidb.storage.wal.ResourceManagers;
import org.minidb.storage.wal.Wal;
import org.minidb.storage.wal.WalReader;
import org.minidb.storage.wal.WalRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery at startup (PostgreSQL's StartupXLOG redo loop): replays the WAL from the redo point of the
 * last checkpoint in the control file to the end of the valid WAL — the first record that is missing, torn or
 * fails its CRC or prev-link — then makes that the end of the WAL.
 *
 * <p>Replay is idempotent: a page record is applied only when the page's LSN is older than the record's end
 * (full-page images and page initializations are always applied: they do not depend on what is on disk, which
 * is how a torn page is repaired); file creation and removal check the file first; commit and abort records
 * set the commit log, which is the same each time. A crash during recovery therefore just means recovering
 * again. Transactions without a commit or abort record are aborted afterwards by
 * {@link MvccTransactionManager#startup}.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private final Wal wal;
  private final BufferPool pool;
  private final FileManager files;
  private final MvccTransactionManager tm;
  private long replayed;

  Recovery(Wal wal, BufferPool pool, FileManager files, MvccTransactionManager tm) {
    this.wal = wal;
    this.pool = pool;
    this.files = files;
    this.tm = tm;
  }

  /** Replays the WAL and starts WAL insertion at its end. Returns the number of records replayed. */
  long run(ControlFile control) {
    long redo = control.redoLsn();
    if (redo == Lsn.INVALID) {
      // A new data directory, or one from before the WAL existed: nothing to replay.
      long start = Math.max(Lsn.FIRST, wal.segments().list().stream().mapToLong(s -> Lsn.segmentStart(s + 1))
          .max().orElse(Lsn.FIRST));
      wal.startAt(start, Lsn.INVALID);
      return 0;
    }
    wal.setRedoPointer(redo);
    boolean crashed = control.state() != ControlFile.SHUT_DOWN;
    WalReader reader = new WalReader(wal.segments(), redo);
    WalRecord r = reader.next();
    if (r == null) {
      throw DbException.of(SqlState.DATA_CORRUPTED, "could not locate a valid checkpoint record at "
          + Lsn.format(redo) + " (" + reader.stopReason() + ")");
    }
    if (crashed) log.info("database system was not properly shut down; automatic recovery in progress");
    if (crashed) log.info("redo starts at {}", Lsn.format(redo));
    long last = Lsn.INVALID;
    for (; r != null; r = reader.next()) {
      replay(r);
      last = r.lsn();
      replayed++;
    }
    if (crashed) {
      log.info("redo done at {}: {} records; the WAL ends there ({})", Lsn.format(last), replayed,
          reader.stopReason());
    }
    wal.segments().truncateAt(reader.position(), crashed);
    wal.startAt(reader.position(), last);
    return replayed;
  }

  private void replay(WalRecord r) {
    int type = r.info() & 0xf0;
    switch (r.rmgr()) {
      case ResourceManagers.XLOG -> {
        if (type == ResourceManagers.XLOG_FPI_FOR_HINT) replayPage(r);
      }
      case ResourceManagers.XACT -> {
        boolean committed = type == ResourceManagers.XACT_COMMIT;
        if (committed) {
          for (long sub : MvccTransactionManager.committedSubtransactions(r.data())) tm.redoOutcome(sub, true);
        }
        tm.redoOutcome(r.xid(), committed);
      }
      case ResourceManagers.SMGR -> replayStorage(r, type);
      case ResourceManagers.HEAP, ResourceManagers.BTREE -> replayPage(r);
      default -> throw DbException.of(SqlState.DATA_CORRUPTED,
          "invalid resource manager ID " + r.rmgr() + " at " + Lsn.format(r.lsn()));
    }
  }

  private void replayStorage(WalRecord r, int type) {
    RelFileLocator rel = relationOf(r.data());
    if (type == ResourceManagers.SMGR_CREATE) {
      if (!files.exists(rel)) files.create(rel);
    } else if (type == ResourceManagers.SMGR_UNLINK) {
      pool.dropRelation(rel, 0);
      files.unlink(rel);
    }
  }

  private void replayPage(WalRecord r) {
    PageRecord.Decoded d = PageRecord.decode(r.data());
    // A relation dropped later in the WAL (its unlink already done) needs no replay.
    if (!files.exists(d.rel())) return;
    boolean overwrite = d.image() || d.init();
    int buf = pool.readBufferForRedo(d.rel(), d.block(), overwrite);
    try {
      pool.lockExclusive(buf);
      try {
        MemorySegment page = pool.page(buf);
        if (overwrite || Page.lsn(page) < r.end()) {
          PageRecord.apply(d, page);
          Page.setLsn(page, r.end());
          pool.markDirty(buf);
        }
      } finally {
        pool.unlockContent(buf);
      }
    } finally {
      pool.unpin(buf);
    }
  }

  /** The relation named by an SMGR record's data: dbOid u32, relNumber u64. */
  static RelFileLocator relationOf(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    return new RelFileLocator(b.getInt(), b.getLong());
  }

  static byte[] relationData(RelFileLocator rel) { return ResourceManagers.smgrData(rel); }
}
