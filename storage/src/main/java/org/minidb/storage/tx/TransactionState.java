package org.minidb.storage.tx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.cancel.QueryCancel;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.tx.ssi.SerializableXact;

/**
 * One transaction of one backend (PostgreSQL's TransactionState), with its stack of subtransactions (savepoints).
 * Not thread-safe, as the contract says.
 */
final class TransactionState implements Transaction {
  enum Status { ACTIVE, COMMITTED, ABORTED }

  private final MvccTransactionManager manager;
  private final int backendPid;
  /** levels.get(0) is the top level; the last one is current. */
  private final List<Subtransaction> levels = new ArrayList<>(List.of(new Subtransaction()));
  /** Sorted xids of the live subtransactions (for snapshots), or null when levels changed since computed. */
  private long[] subXids = new long[0];
  private int commandId;
  private IsolationLevel isolation = IsolationLevel.READ_COMMITTED;
  /** The transaction snapshot (REPEATABLE READ and SERIALIZABLE), or the last statement's, or null. */
  private Snapshot snapshot;
  private long lockTimeoutMillis;
  private long deadlockTimeoutMillis = DEFAULT_DEADLOCK_TIMEOUT_MILLIS;
  /** PostgreSQL's default deadlock_timeout (1 s). */
  static final long DEFAULT_DEADLOCK_TIMEOUT_MILLIS = 1000;
  /** The lock table's slot (PGPROC) of this transaction: claimed at its first lock, -1 before. */
  private volatile int procSlot = -1;
  /** The ProcArray xmin slot this transaction's snapshots hold back VACUUM with; -1 before its first snapshot. */
  final int[] xminSlot = {-1};
  private QueryCancel cancel = QueryCancel.NONE;
  private boolean readOnly;
  /** SERIALIZABLE only: registered with the first snapshot, see {@link #serializableXact}. */
  SerializableXact sxact;
  Status status = Status.ACTIVE;
  /** Locks held, with the modes (bits) held on each: a request for a held mode skips the shared table. */
  final Map<LockTag, Integer> locks = new LinkedHashMap<>();

  TransactionState(MvccTransactionManager manager, int backendPid) {
    this.manager = manager;
    this.backendPid = backendPid;
  }

  private Subtransaction top() { return levels.get(0); }

  private Subtransaction current() { return levels.get(levels.size() - 1); }

  @Override
  public long xid() {
    Subtransaction cur = current();
    if (cur.xid == TransactionIds.INVALID) {
      checkActive();
      for (Subtransaction level : levels) assignXid(level); // parents first: a child's xid is above its parent's
    }
    return cur.xid;
  }

  private void assignXid(Subtransaction level) {
    if (level.xid != TransactionIds.INVALID) return;
    long[] assigned = manager.procArray().assignXid();
    level.xid = assigned[0];
    level.slot = (int) assigned[1];
    if (level != top()) subXids = null;
    if (sxact != null) manager.predicateLocks().registerXid(sxact, level.xid);
    // Nobody else can want this tag yet: the xid is written nowhere before this returns.
    lock(LockTag.transaction(level.xid), LockMode.EXCLUSIVE, -1);
  }

  @Override
  public boolean isOwnXid(long other) {
    if (other == TransactionIds.INVALID) return false;
    if (other == top().xid) return true;
    return levels.size() > 1 || !top().released.isEmpty() ? Arrays.binarySearch(subXids(), other) >= 0 : false;
  }

  private long[] subXids() {
    if (subXids == null) {
      List<long[]> all = new ArrayList<>();
      for (int i = 0; i < levels.size(); i++) {
        Subtransaction level = levels.get(i);
        if (i == 0) all.addAll(level.released);
        else level.collectXids(all);
      }
      subXids = all.stream().mapToLong(x -> x[0]).sorted().toArray();
    }
    return subXids;
  }

  @Override
  public boolean hasXid() { return top().xid != TransactionIds.INVALID; }

  /** The top-level xid (commit and abort records are written for it). */
  long xidOrZero() { return top().xid; }

  int slot() { return top().slot; }

  int backendPid() { return backendPid; }

  @Override
  public void beginSubtransaction() {
    checkActive();
    levels.add(new Subtransaction());
  }

  @Override
  public void releaseSubtransaction() {
    Subtransaction child = popSubtransaction();
    current().absorb(child);
    subXids = null;
  }

  @Override
  public void rollbackSubtransaction() {
    Subtransaction child = popSubtransaction();
    subXids = null;
    List<long[]> xids = new ArrayList<>();
    child.collectXids(xids);
    MvccTransactionManager.runActions(child.beforeAbort, "rollback to savepoint");
    manager.abortSubtransaction(this, xids);
    for (long[] x : xids) {
      LockTag tag = LockTag.transaction(x[0]);
      locks.remove(tag);
      manager.lockTable().release(procSlot, tag, LockMode.EXCLUSIVE);
    }
    MvccTransactionManager.runActions(child.onAbort, "rollback to savepoint");
  }

  private Subtransaction popSubtransaction() {
    checkActive();
    if (levels.size() == 1) throw DbException.internal("no subtransaction to end", null);
    return levels.remove(levels.size() - 1);
  }

  @Override
  public int subtransactionDepth() { return levels.size() - 1; }

  /** Commit: every subtransaction still open is released into the top level, whose xids are returned. */
  List<long[]> releaseAllForCommit() {
    while (levels.size() > 1) releaseSubtransaction();
    List<long[]> xids = new ArrayList<>();
    top().collectXids(xids);
    return xids;
  }

  /** Abort: the xids of every level and the on-abort actions, innermost level's first. */
  List<long[]> allXids() {
    List<long[]> xids = new ArrayList<>();
    for (Subtransaction level : levels) level.collectXids(xids);
    return xids;
  }

  List<Runnable> onCommitActions() { return top().onCommit; }

  /** Abort: the actions to run before the xids are marked aborted, innermost level's first. */
  List<Runnable> beforeAbortActions() {
    List<Runnable> actions = new ArrayList<>();
    for (int i = levels.size() - 1; i >= 0; i--) actions.addAll(levels.get(i).beforeAbort);
    return actions;
  }

  List<Runnable> onAbortActions() {
    List<Runnable> actions = new ArrayList<>();
    for (int i = levels.size() - 1; i >= 0; i--) actions.addAll(levels.get(i).onAbort);
    return actions;
  }

  @Override
  public int commandId() { return commandId; }

  @Override
  public void nextCommand() { commandId++; }

  @Override
  public Snapshot snapshot() {
    Snapshot s = snapshot;
    long[] subs = levels.size() > 1 || !top().released.isEmpty() ? subXids() : new long[0];
    if (s != null && isolation.usesTransactionSnapshot()) {
      // The transaction's snapshot, seen from the current command (and the xids assigned since, if any).
      if (s.commandId() != commandId || s.ownXid() != top().xid || !Arrays.equals(s.ownSubXids(), subs)) {
        s = new Snapshot(s.xmin(), s.xmax(), s.inProgress(), top().xid, commandId, subs);
        snapshot = s;
      }
      return s;
    }
    if (s == null && isolation == IsolationLevel.SERIALIZABLE) {
      // The snapshot is taken inside the registration, so that it and the commit order agree.
      Snapshot[] taken = new Snapshot[1];
      sxact = manager.predicateLocks().begin(readOnly,
          () -> taken[0] = manager.procArray().snapshot(top().xid, commandId, xminSlot));
      for (long[] x : allXids()) manager.predicateLocks().registerXid(sxact, x[0]);
      s = taken[0];
    } else {
      s = manager.procArray().snapshot(top().xid, commandId, xminSlot);
    }
    if (subs.length > 0) s = new Snapshot(s.xmin(), s.xmax(), s.inProgress(), s.ownXid(), commandId, subs);
    snapshot = s;
    return s;
  }

  @Override
  public boolean hasSnapshot() { return snapshot != null; }

  @Override
  public void setReadOnly(boolean readOnly) { this.readOnly = readOnly; }

  @Override
  public SerializableXact serializableXact() {
    if (sxact == null && isolation == IsolationLevel.SERIALIZABLE && status == Status.ACTIVE) snapshot();
    return sxact;
  }

  @Override
  public IsolationLevel isolationLevel() { return isolation; }

  @Override
  public void setIsolationLevel(IsolationLevel level) { isolation = level; }

  @Override
  public void setLockTimeout(long millis) { lockTimeoutMillis = Math.max(0, millis); }

  @Override
  public void setDeadlockTimeout(long millis) { deadlockTimeoutMillis = millis > 0 ? millis : DEFAULT_DEADLOCK_TIMEOUT_MILLIS; }

  /** The end of the transaction: every lock goes, then the lock table's slot. */
  void releaseLocks() {
    if (procSlot < 0) return;
    manager.lockTable().releaseAll(procSlot, locks);
    procSlot = -1;
  }

  /** The lock table's slot, or -1 (tests). */
  int procSlot() { return procSlot; }

  @Override
  public void setQueryCancel(QueryCancel cancel) { this.cancel = cancel; }

  @Override
  public boolean lockRelation(long relOid, LockMode mode) {
    LockTag tag = LockTag.relation(relOid);
    if (lock(tag, mode, -1)) return false;
    lock(tag, mode, lockTimeoutMillis);
    return true;
  }

  @Override
  public boolean tryLockRelation(long relOid, LockMode mode) {
    return lock(LockTag.relation(relOid), mode, -1);
  }

  @Override
  public void waitForTransaction(long otherXid) {
    if (isOwnXid(otherXid)) return;
    LockTag tag = LockTag.transaction(otherXid);
    // Granted only once the owner has released its EXCLUSIVE hold, at its end; then given back at once.
    if (acquire(tag, LockMode.SHARE, lockTimeoutMillis)) manager.lockTable().release(procSlot, tag, LockMode.SHARE);
  }

  /** Takes a lock kept until the end; false only for NOWAIT ({@code timeoutMillis} &lt; 0) when refused. */
  private boolean lock(LockTag tag, LockMode mode, long timeoutMillis) {
    Integer held = locks.get(tag);
    if (held != null && (held & mode.bit()) != 0) return true;
    if (!acquire(tag, mode, timeoutMillis)) return false;
    locks.merge(tag, mode.bit(), (a, b) -> a | b);
    return true;
  }

  private boolean acquire(LockTag tag, LockMode mode, long timeoutMillis) {
    checkActive();
    if (procSlot < 0) procSlot = manager.lockTable().claimProc(backendPid);
    return switch (manager.lockTable().acquire(procSlot, tag, mode, timeoutMillis, deadlockTimeoutMillis, cancel)) {
      case NONE -> true;
      case NOT_AVAILABLE -> false;
      case TIMED_OUT -> throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
    };
  }

  @Override
  public void onCommit(Runnable action) { current().onCommit.add(action); }

  @Override
  public void onAbort(Runnable action) { current().onAbort.add(action); }

  @Override
  public void beforeAbort(Runnable action) { current().beforeAbort.add(action); }

  private void checkActive() {
    if (status != Status.ACTIVE) {
      throw DbException.of(SqlState.INVALID_TRANSACTION_STATE, "transaction is not in progress");
    }
  }

  @Override
  public String toString() {
    return "Transaction[xid=" + top().xid + ", cid=" + commandId + ", depth=" + subtransactionDepth() + ", " + status + "]";
  }
}
