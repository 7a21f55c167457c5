package org.minidb.storage.tx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.tx.ssi.PredicateLockManager;
import org.minidb.storage.tx.ssi.SerializableXact;
import org.minidb.storage.wal.ResourceManagers;
import org.minidb.storage.wal.Wal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions over the shared commit log, ProcArray and counters. See this package's README for the
 * visibility rules and the order of steps at commit and abort.
 */
public final class MvccTransactionManager implements TransactionManager {
  private static final Logger log = LoggerFactory.getLogger(MvccTransactionManager.class);

  private final VariableCache vars;
  private final ProcArray procArray;
  private final CommitLog clog;
  private final LockTable locks;
  /** The members of lock-only multixacts (rows locked by several transactions). */
  private final MultiXacts multiXacts;
  /** Serializable snapshot isolation's state (SIREAD locks, rw-conflicts); on-heap like the lock table. */
  private final PredicateLockManager predicateLocks = new PredicateLockManager();
  /** Commit and abort records go here; null only in unit tests of lower layers (commit then writes the clog through). */
  private final Wal wal;

  /** Shared memory sizes, in the order the constructor reserves them. */
  public static long[] sharedSizes() {
    long[] clogSizes = CommitLog.sharedSizes();
    long[] lockSizes = LockTable.sharedSizes();
    return new long[] {VariableCache.sharedSize(), ProcArray.sharedSize(), clogSizes[0], clogSizes[1], clogSizes[2],
        lockSizes[0], lockSizes[1], lockSizes[2], MultiXacts.sharedSize()};
  }

  public MvccTransactionManager(SharedMemory shm, Path dataDirectory, boolean fsync) {
    this(shm, dataDirectory, fsync, null);
  }

  public MvccTransactionManager(SharedMemory shm, Path dataDirectory, boolean fsync, Wal wal) {
    this.wal = wal;
    this.vars = new VariableCache(shm, dataDirectory, fsync);
    this.procArray = new ProcArray(shm, vars);
    this.clog = new CommitLog(shm, dataDirectory, fsync, wal);
    this.locks = new LockTable(shm);
    this.multiXacts = new MultiXacts(shm, vars, clog);
  }

  /**
   * Starts up from the control file, after WAL recovery has replayed the commit and abort records: resolves
   * the transactions a crash left in progress (no commit record: they are aborted), then records that the
   * server is running.
   */
  public void startup(ControlFile control) {
    long next = Math.max(control.nextXid(), TransactionIds.FIRST_NORMAL);
    long from = Math.max(control.oldestXidToCheck(), TransactionIds.FIRST_NORMAL);
    if (control.state() == ControlFile.IN_PRODUCTION && from < next) {
      log.info("database system was not properly shut down; aborting transactions {} to {} left in progress",
          from, next - 1);
    }
    if (from < next) clog.abortInProgress(from, next);
    vars.start(new ControlFile(control.systemIdentifier(), control.state(), next, control.nextOid(), next,
        control.checkpointLsn(), control.redoLsn()), next);
    if (from < next) clog.flush();
    vars.persistLocked(control.state() == ControlFile.BOOTSTRAPPING ? ControlFile.BOOTSTRAPPING : ControlFile.IN_PRODUCTION);
  }

  /** Records a finished bootstrap in the control file. */
  public void bootstrapDone() { vars.persistLocked(ControlFile.IN_PRODUCTION); }

  /** Writes the commit log and a control file saying the server shut down cleanly. */
  public void shutdown() {
    clog.flush();
    vars.persistLocked(ControlFile.SHUT_DOWN);
  }

  /** Writes the commit log pages (part of flush / checkpoint). */
  public void flush() { clog.flush(); }

  /** Records a completed checkpoint in the control file ({@code shutdown}: a clean shutdown's last act). */
  public void checkpointDone(long checkpointLsn, long redoLsn, boolean shutdown) {
    vars.setCheckpoint(checkpointLsn, redoLsn);
    vars.persistLocked(shutdown ? ControlFile.SHUT_DOWN : ControlFile.IN_PRODUCTION);
  }

  /** Recovery: replays a commit or abort record into the commit log. */
  public void redoOutcome(long xid, boolean committed) {
    clog.setStatus(xid, committed ? CommitLog.COMMITTED : CommitLog.ABORTED);
  }

  /** The next OID to be handed out (checkpoint records carry it, for waldump). */
  public long nextOid() { return vars.nextOidValue(); }

  @Override
  public Transaction begin(int backendPid) { return new TransactionState(this, backendPid); }

  @Override
  public void commit(Transaction tx) { commit(tx, true); }

  /**
   * Commits; with {@code synchronous} false (synchronous_commit = off) the commit record is not flushed before
   * the clog says committed and the caller replies: the WAL writer flushes it soon, and a crash before that
   * aborts the transaction at recovery. See this package's README for the rules that keep that consistent.
   */
  @Override
  public void commit(Transaction tx, boolean synchronous) {
    TransactionState t = (TransactionState) tx;
    if (t.status != TransactionState.Status.ACTIVE) {
      throw DbException.of(SqlState.INVALID_TRANSACTION_STATE, "transaction is not in progress");
    }
    SerializableXact sx = t.sxact;
    if (sx != null) {
      try {
        predicateLocks.preCommit(sx); // 40001 if committing would complete a dangerous structure
      } catch (DbException e) {
        abort(t);
        throw e;
      }
    }
    List<long[]> xids = t.releaseAllForCommit(); // the top level's first, then released subtransactions'
    if (t.hasXid()) {
      if (wal == null) {
        for (long[] x : xids) clog.setStatus(x[0], CommitLog.COMMITTED, true);
      } else {
        // Synchronous: the commit record is durable before the clog says committed and before the caller
        // replies. Asynchronous: the clog remembers the record's end for its group (hint bits and clog page
        // writes wait for the flush) and the WAL writer is told what to flush. The record names the committed
        // subtransactions, so that recovery marks them committed too.
        wal.enterCommit();
        try {
          long end = wal.insert(t.xidOrZero(), ResourceManagers.XACT, ResourceManagers.XACT_COMMIT,
              outcomeRecord(xids));
          if (synchronous) {
            wal.flush(end);
          } else {
            // ASYNC_XACT_LSN first: whoever sees the xid committed in the clog then also sees that an async
            // commit may be at risk, and asks the clog for the group's LSN before setting a hint bit.
            wal.setAsyncCommitLsn(end);
          }
          // Subtransactions first: no reader can see the top committed and a child still running.
          for (int i = xids.size() - 1; i >= 0; i--) {
            if (synchronous) clog.setStatus(xids.get(i)[0], CommitLog.COMMITTED);
            else clog.setCommittedAsync(xids.get(i)[0], end);
          }
        } finally {
          wal.exitCommit();
        }
      }
      procArray.remove(slots(xids));
    }
    // Visible to new snapshots from here: its commit number comes after every snapshot that cannot see it.
    if (sx != null) predicateLocks.committed(sx, t.hasXid());
    t.status = TransactionState.Status.COMMITTED;
    procArray.releaseXmin(t.xminSlot[0]);
    // Actions run before the locks go, so the next holder sees their effects (e.g. the catalog version).
    runActions(t.onCommitActions(), "commit");
    t.releaseLocks();
  }

  @Override
  public void abort(Transaction tx) {
    TransactionState t = (TransactionState) tx;
    if (t.status != TransactionState.Status.ACTIVE) return;
    runActions(t.beforeAbortActions(), "abort"); // while its xids still read as in progress
    if (t.hasXid()) abortXids(t.allXids());
    if (t.sxact != null) predicateLocks.aborted(t.sxact);
    t.status = TransactionState.Status.ABORTED;
    procArray.releaseXmin(t.xminSlot[0]);
    runActions(t.onAbortActions(), "abort");
    t.releaseLocks();
  }

  /** ROLLBACK TO SAVEPOINT: the subtransaction's xids (its own and those released into it) are aborted. */
  void abortSubtransaction(TransactionState t, List<long[]> xids) {
    if (!xids.isEmpty()) abortXids(xids);
  }

  /**
   * Records the xids as aborted: an abort record each (not flushed: a transaction without a commit record is
   * aborted at recovery anyway), the clog, then out of the ProcArray.
   */
  private void abortXids(List<long[]> xids) {
    for (long[] x : xids) {
      if (wal != null) {
        wal.insert(x[0], ResourceManagers.XACT, ResourceManagers.XACT_ABORT, outcomeRecord(List.of()));
      }
      clog.setStatus(x[0], CommitLog.ABORTED);
    }
    procArray.remove(slots(xids));
  }

  private static int[] slots(List<long[]> xids) {
    return xids.stream().mapToInt(x -> (int) x[1]).toArray();
  }

  /**
   * A commit or abort record's data: the time in microseconds since the Unix epoch (for waldump), then, for a
   * commit, the xids of its committed subtransactions (8 bytes each, little-endian).
   */
  private static byte[] outcomeRecord(List<long[]> xids) {
    int children = Math.max(0, xids.size() - 1);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 8 * children).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(System.currentTimeMillis() * 1000);
    for (int i = 1; i < xids.size(); i++) b.putLong(xids.get(i)[0]);
    return b.array();
  }

  /** The committed subtransactions a commit record names (see {@link #outcomeRecord}). */
  public static long[] committedSubtransactions(byte[] recordData) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(recordData).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long[] xids = new long[Math.max(0, (recordData.length - 8) / 8)];
    for (int i = 0; i < xids.length; i++) xids[i] = b.getLong(8 + 8 * i);
    return xids;
  }

  /** The outcome is already decided: a failing action is logged and the others still run. */
  static void runActions(List<Runnable> actions, String when) {
    for (Runnable r : new ArrayList<>(actions)) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("action after {} failed: {}", when, e.getMessage(), e);
      }
    }
  }

  /** A snapshot for a reader that is not a transaction (e.g. loading the catalog cache). */
  public Snapshot snapshot() { return procArray.snapshot(TransactionIds.INVALID, 0); }

  /** The commit log status of an xid: {@link CommitLog#IN_PROGRESS}, COMMITTED or ABORTED. */
  public int xidStatus(long xid) {
    if (xid == TransactionIds.BOOTSTRAP || xid == TransactionIds.FROZEN) return CommitLog.COMMITTED;
    return clog.status(xid);
  }

  /**
   * May a hint bit "committed" be set for {@code xid} (known committed) on a page whose LSN is {@code pageLsn}?
   * Not while the xid's commit record may still be lost (PostgreSQL's SetHintBits): only once the WAL is flushed
   * past it, or when the page's LSN is already beyond it (the page cannot reach disk before the WAL does).
   */
  public boolean commitHintAllowed(long xid, long pageLsn) {
    if (wal == null || !wal.needsFlush(wal.asyncCommitLsn())) return true; // no async commit is at risk
    long commitLsn = clog.commitLsn(xid);
    return !wal.needsFlush(commitLsn) || pageLsn >= commitLsn;
  }

  public long newOid() { return vars.newOid(); }

  public long catalogVersion() { return vars.catalogVersion(); }

  public void bumpCatalogVersion() { vars.bumpCatalogVersion(); }

  public long nextXid() { return vars.nextXid(); }

  ProcArray procArray() { return procArray; }

  LockTable lockTable() { return locks; }

  /** Rows locked by several transactions: their members. */
  public MultiXacts multiXacts() { return multiXacts; }

  /** Serializable snapshot isolation's shared state. */
  public PredicateLockManager predicateLocks() { return predicateLocks; }

  /** The VACUUM horizon: versions deleted by transactions committed below it are dead to everyone. */
  public long oldestXmin() { return procArray.oldestXmin(); }

  /** Number of running transactions with an xid (tests). */
  public int runningCount() { return procArray.runningCount(); }
}
