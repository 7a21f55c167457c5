package org.minidb.storage.tx;

/**
 * A transaction of one backend. Its 64-bit xid is assigned when it first writes (as in PostgreSQL), so
 * read-only transactions cost no xid. Commands within it are numbered; each statement takes a new command
 * id and a new snapshot (READ COMMITTED).
 *
 * <p>Not thread-safe: a transaction belongs to the one backend that runs it.
 */
public interface Transaction {
  /**
   * The xid that the current (sub)transaction writes with, assigning one if it has none yet: inside a savepoint
   * the subtransaction's own xid (its parent's is assigned first, so a child's xid is above its parent's).
   */
  long xid();

  /** True if {@code xid} is this transaction's or one of its live (not rolled back) subtransactions'. */
  boolean isOwnXid(long xid);

  /**
   * Starts a subtransaction (SAVEPOINT): what follows can be rolled back alone. Its writes get their own xid,
   * committed with the top-level transaction, or aborted by {@link #rollbackSubtransaction}.
   */
  void beginSubtransaction();

  /** Ends the innermost subtransaction keeping its work (RELEASE SAVEPOINT): it becomes its parent's. */
  void releaseSubtransaction();

  /**
   * Aborts the innermost subtransaction (ROLLBACK TO SAVEPOINT): its changes become invisible, the transactions
   * waiting for its rows go on, its on-abort actions run and its on-commit actions are dropped. Table locks it
   * took are kept until the end of the transaction (PostgreSQL releases them; keeping them is only stricter).
   */
  void rollbackSubtransaction();

  /** Number of open subtransactions (0 at top level). */
  int subtransactionDepth();

  /** True once an xid has been assigned. */
  boolean hasXid();

  /** The current command id. */
  int commandId();

  /** Starts the next command: increments the command id. Called at the start of each statement. */
  void nextCommand();

  /**
   * A snapshot for the current command: READ COMMITTED takes a new one per statement; REPEATABLE READ and
   * SERIALIZABLE keep the first one (with the current command id).
   */
  Snapshot snapshot();

  /**
   * Takes a heavyweight lock on a relation in {@code mode} until this transaction ends, waiting while another
   * transaction holds a conflicting mode (for at most the lock timeout, see {@link #setLockTimeout}).
   *
   * @return true if it had to wait: whatever the caller looked up about the relation before (its catalog entry)
   *     may have changed meanwhile (PostgreSQL re-checks after such a wait too)
   * @throws org.minidb.common.error.DbException 40P01 if waiting would deadlock, 55P03 on lock timeout
   */
  boolean lockRelation(long relOid, LockMode mode);

  /** Like {@link #lockRelation} but never waits (NOWAIT): false if a conflicting mode is held by another. */
  boolean tryLockRelation(long relOid, LockMode mode);

  /**
   * Waits until transaction {@code xid} has ended (PostgreSQL's XactLockTableWait): a row this transaction wants
   * to change is being changed by it. Returns at once if it is not running.
   *
   * @throws org.minidb.common.error.DbException 40P01 if waiting would deadlock, 55P03 on lock timeout
   */
  void waitForTransaction(long xid);

  /** Lock waits of the following statements give up after this many milliseconds (0: wait forever). */
  void setLockTimeout(long millis);

  /**
   * A lock wait that has lasted this many milliseconds looks for a deadlock (PostgreSQL's deadlock_timeout;
   * 1 s unless set; 0 or less restores that).
   */
  default void setDeadlockTimeout(long millis) {}

  /**
   * The backend's cancel state: a lock wait ends with 57014 when a cancel (user request, statement timeout)
   * comes. {@link org.minidb.common.cancel.QueryCancel#NONE} until set.
   */
  void setQueryCancel(org.minidb.common.cancel.QueryCancel cancel);

  /** The isolation level; READ COMMITTED unless set before the first snapshot. */
  IsolationLevel isolationLevel();

  /**
   * Sets the isolation level. Only before the transaction's first snapshot (PostgreSQL: "SET TRANSACTION
   * ISOLATION LEVEL must be called before any query", 25001), which the caller checks.
   */
  void setIsolationLevel(IsolationLevel level);

  /**
   * Declares the transaction READ ONLY (or not) before its first snapshot; SERIALIZABLE uses it (a read-only
   * transaction can serialize before concurrent writers). The sql layer refuses the writes (25006).
   */
  default void setReadOnly(boolean readOnly) {}

  /**
   * The transaction's serializable snapshot isolation state, null unless it is SERIALIZABLE (registered with
   * its first snapshot, which this takes if there is none yet). Heap reads and writes report to it.
   */
  default org.minidb.storage.tx.ssi.SerializableXact serializableXact() { return null; }

  /** True once a snapshot has been taken (the isolation level can no longer change). */
  boolean hasSnapshot();

  /**
   * Registers an action to run after this transaction commits (e.g. unlinking a dropped table's file). Inside a
   * subtransaction that is later rolled back, the action is dropped.
   */
  void onCommit(Runnable action);

  /**
   * Registers an action to run after this transaction aborts (e.g. unlinking a created table's file), or after
   * the current subtransaction is rolled back.
   */
  void onAbort(Runnable action);

  /**
   * Registers an action to run when this transaction (or the current subtransaction) aborts, while its xid is
   * still in progress — before anyone waiting for it can go on (the heap puts back row lockers an aborted update
   * had moved to its new version). Failures are logged; the abort goes on.
   */
  default void beforeAbort(Runnable action) {}
}
