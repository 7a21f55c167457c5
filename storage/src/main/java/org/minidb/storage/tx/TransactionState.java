package org.minidb.storage.tx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/** One transaction of one backend (PostgreSQL's TransactionState). Not thread-safe, as the contract says. */
final class TransactionState implements Transaction {
  enum Status { ACTIVE, COMMITTED, ABORTED }

  private final MvccTransactionManager manager;
  private long xid = TransactionIds.INVALID;
  private int slot = -1;
  private int commandId;
  Status status = Status.ACTIVE;
  final Set<Long> locks = new LinkedHashSet<>();
  final List<Runnable> onCommit = new ArrayList<>();
  final List<Runnable> onAbort = new ArrayList<>();

  TransactionState(MvccTransactionManager manager) { this.manager = manager; }

  @Override
  public long xid() {
    if (xid == TransactionIds.INVALID) {
      checkActive();
      long[] assigned = manager.procArray().assignXid();
      xid = assigned[0];
      slot = (int) assigned[1];
    }
    return xid;
  }

  @Override
  public boolean hasXid() { return xid != TransactionIds.INVALID; }

  long xidOrZero() { return xid; }

  int slot() { return slot; }

  @Override
  public int commandId() { return commandId; }

  @Override
  public void nextCommand() { commandId++; }

  @Override
  public Snapshot snapshot() { return manager.procArray().snapshot(xid, commandId); }

  @Override
  public void lockRelationForWrite(long relOid) {
    checkActive();
    if (locks.contains(relOid)) return;
    manager.lockTable().lock(this, relOid);
    locks.add(relOid);
  }

  @Override
  public void onCommit(Runnable action) { onCommit.add(action); }

  @Override
  public void onAbort(Runnable action) { onAbort.add(action); }

  private void checkActive() {
    if (status != Status.ACTIVE) {
      throw DbException.of(SqlState.INVALID_TRANSACTION_STATE, "transaction is not in progress");
    }
  }

  @Override
  public String toString() { return "Transaction[xid=" + xid + ", cid=" + commandId + ", " + status + "]"; }
}
