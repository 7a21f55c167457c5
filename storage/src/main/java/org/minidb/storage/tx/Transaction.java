package org.minidb.storage.tx;

/**
 * A transaction of one backend. Its 64-bit xid is assigned when it first writes (as in PostgreSQL), so
 * read-only transactions cost no xid. Commands within it are numbered; each statement takes a new command
 * id and a new snapshot (READ COMMITTED).
 *
 * <p>Not thread-safe: a transaction belongs to the one backend that runs it.
 */
public interface Transaction {
  /** The xid, assigning one if the transaction has none yet. */
  long xid();

  /** True once an xid has been assigned. */
  boolean hasXid();

  /** The current command id. */
  int commandId();

  /** Starts the next command: increments the command id. Called at the start of each statement. */
  void nextCommand();

  /** A snapshot for the current command (READ COMMITTED takes one per statement). */
  Snapshot snapshot();

  /**
   * Takes the lock that serializes writers of one relation until this transaction ends (row-level locking
   * comes with the transactions issue). Blocks while another transaction holds it.
   */
  void lockRelationForWrite(long relOid);

  /** Registers an action to run after this transaction commits (e.g. unlinking a dropped table's file). */
  void onCommit(Runnable action);

  /** Registers an action to run after this transaction aborts (e.g. unlinking a created table's file). */
  void onAbort(Runnable action);
}
