package org.minidb.sql.session;

import java.time.Instant;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.sql.Notice;
import org.minidb.sql.TransactionStatus;
import org.minidb.sql.settings.SessionSettings;
import org.minidb.storage.tx.IsolationLevel;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.tx.TransactionManager;

/**
 * The transaction block state of a session, as PostgreSQL's xact.c keeps it for the client:
 *
 * <pre>
 * IDLE ──statement──▶ IMPLICIT ──end of message / Sync──▶ IDLE (commit; rollback after an error)
 * IDLE/IMPLICIT ──BEGIN──▶ EXPLICIT ──COMMIT──▶ IDLE
 * EXPLICIT ──error──▶ FAILED ──COMMIT or ROLLBACK──▶ IDLE (rolled back either way)
 * </pre>
 *
 * Invariant: {@code transaction} is non-null exactly when the state is IMPLICIT, EXPLICIT or FAILED and a
 * statement has started since the block began (a BEGIN alone starts it too, so that now() is BEGIN's time).
 */
final class TransactionBlock {
  enum State { IDLE, IMPLICIT, EXPLICIT, FAILED }

  private final TransactionManager manager;
  private final SessionSettings settings;
  private final int backendPid;
  /** Called after every transaction end with whether it committed. */
  private final java.util.function.Consumer<Boolean> onEnd;
  /** The session's synchronous_commit at commit time (SET LOCAL included: it is undone only after the commit). */
  private final java.util.function.BooleanSupplier synchronousCommit;
  private State state = State.IDLE;
  private Transaction transaction;
  private Instant startedAt;
  private boolean readOnly;
  private boolean changedCatalog;
  /** Open savepoints' names, oldest first; each is one subtransaction level of {@code transaction}. */
  private final java.util.List<String> savepoints = new java.util.ArrayList<>();
  /** The session's cancel state, handed to each transaction so that its lock waits can be cancelled. */
  private org.minidb.common.cancel.QueryCancel queryCancel = org.minidb.common.cancel.QueryCancel.NONE;

  TransactionBlock(TransactionManager manager, SessionSettings settings, int backendPid,
      java.util.function.Consumer<Boolean> onEnd) {
    this.manager = manager;
    this.settings = settings;
    this.backendPid = backendPid;
    this.onEnd = onEnd;
    // synchronous_commit is read at each commit (SET LOCAL may have changed it within the block).
    this.synchronousCommit = () -> !settings.get("synchronous_commit").equals("off");
  }

  State state() { return state; }

  void setQueryCancel(org.minidb.common.cancel.QueryCancel cancel) { this.queryCancel = cancel; }

  /** Starts (if needed) the transaction a statement runs in, and its next command. */
  Transaction beginStatement() {
    if (state == State.FAILED) {
      throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
          "current transaction is aborted, commands ignored until end of transaction block");
    }
    if (state == State.IDLE) state = State.IMPLICIT;
    ensureTransaction();
    transaction.nextCommand();
    transaction.setLockTimeout(settings.getLong("lock_timeout"));
    transaction.setDeadlockTimeout(settings.getLong("deadlock_timeout"));
    return transaction;
  }

  private void ensureTransaction() {
    if (transaction == null) {
      transaction = manager.begin(backendPid);
      transaction.setQueryCancel(queryCancel);
      transaction.setIsolationLevel(IsolationLevel.fromSqlName(settings.get("default_transaction_isolation")));
      startedAt = Instant.now();
    }
  }

  /**
   * BEGIN: returns a warning if a block is already open (PostgreSQL only warns, and keeps the block's modes).
   *
   * @param isolation the level BEGIN names, or null for default_transaction_isolation
   */
  Notice begin(boolean readOnlyMode, IsolationLevel isolation) {
    if (state == State.EXPLICIT || state == State.FAILED) {
      return new Notice("WARNING", SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress");
    }
    state = State.EXPLICIT;
    readOnly = readOnlyMode;
    ensureTransaction();
    if (isolation != null) transaction.setIsolationLevel(isolation);
    transaction.setReadOnly(readOnlyMode);
    return null;
  }

  /**
   * SET TRANSACTION inside a block: the level may change only before the block's first query (25001, as
   * PostgreSQL says it).
   */
  void setModes(IsolationLevel isolation, Boolean readOnlyMode) {
    if (isolation != null) {
      ensureTransaction();
      if (transaction.hasSnapshot() && transaction.isolationLevel() != isolation) {
        throw DbException.of(SqlState.ACTIVE_SQL_TRANSACTION,
            "SET TRANSACTION ISOLATION LEVEL must be called before any query");
      }
      transaction.setIsolationLevel(isolation);
    }
    if (readOnlyMode != null) {
      readOnly = readOnlyMode;
      if (transaction != null) transaction.setReadOnly(readOnlyMode);
    }
  }

  /** SAVEPOINT name: a subtransaction starts (names may repeat; the newest one is found first). */
  void savepoint(String name) {
    requireBlock("SAVEPOINT");
    ensureTransaction();
    transaction.beginSubtransaction();
    savepoints.add(name);
  }

  /** RELEASE SAVEPOINT name: that savepoint and every later one end, keeping their work. */
  void releaseSavepoint(String name) {
    requireBlock("RELEASE SAVEPOINT");
    int level = find(name);
    while (savepoints.size() > level) {
      transaction.releaseSubtransaction();
      savepoints.remove(savepoints.size() - 1);
    }
  }

  /**
   * ROLLBACK TO SAVEPOINT name: the work since that savepoint is undone and the savepoint stays (as in
   * PostgreSQL); a failed block is usable again.
   */
  void rollbackToSavepoint(String name) {
    requireBlock("ROLLBACK TO SAVEPOINT");
    int level = find(name);
    while (savepoints.size() > level) {
      transaction.rollbackSubtransaction();
      savepoints.remove(savepoints.size() - 1);
    }
    transaction.beginSubtransaction();
    savepoints.add(name);
    state = State.EXPLICIT;
  }

  private void requireBlock(String command) {
    if (state != State.EXPLICIT && state != State.FAILED) {
      throw DbException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " can only be used in transaction blocks");
    }
  }

  /** The index of the newest savepoint with this name. */
  private int find(String name) {
    int i = savepoints.lastIndexOf(name);
    if (i < 0) {
      throw DbException.of(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
    }
    return i;
  }

  /** The isolation level in force: the open transaction's, else the default for the next one. */
  IsolationLevel isolationLevel() {
    return transaction != null ? transaction.isolationLevel()
        : IsolationLevel.fromSqlName(settings.get("default_transaction_isolation"));
  }

  /**
   * COMMIT. Returns the command tag: COMMIT, or ROLLBACK when the block had failed. Outside a block
   * PostgreSQL warns that there is no transaction in progress.
   */
  String commit(java.util.function.Consumer<Notice> notices) {
    switch (state) {
      case EXPLICIT -> {
        finish(true);
        return "COMMIT";
      }
      case FAILED -> {
        finish(false);
        return "ROLLBACK";
      }
      default -> {
        notices.accept(new Notice("WARNING", SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
        // An implicit transaction (earlier statements of the same message) commits here, as in PostgreSQL.
        if (state == State.IMPLICIT) finish(true);
        return "COMMIT";
      }
    }
  }

  /** ROLLBACK. */
  void rollback(java.util.function.Consumer<Notice> notices) {
    if (state == State.IDLE || state == State.IMPLICIT) {
      notices.accept(new Notice("WARNING", SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
    }
    finish(false);
  }

  /** A statement failed: an explicit block becomes FAILED, an implicit transaction is rolled back. */
  void fail() {
    if (state == State.EXPLICIT || state == State.FAILED) {
      state = State.FAILED;
    } else {
      finish(false);
    }
  }

  /** The end of a simple-query message or a Sync: commits an implicit transaction. */
  void endImplicit() {
    if (state == State.IMPLICIT) finish(true);
  }

  /** The connection ended: roll back whatever is open. */
  void terminate() {
    if (state != State.IDLE || transaction != null) finish(false);
  }

  boolean readOnly() { return readOnly; }

  /** Plans made against a transaction's own uncommitted catalog changes must not enter the shared cache. */
  boolean changedCatalog() { return changedCatalog; }

  void markCatalogChanged() { changedCatalog = true; }

  Instant startedAt() { return startedAt; }

  TransactionStatus status() {
    return switch (state) {
      case IDLE, IMPLICIT -> TransactionStatus.IDLE;
      case EXPLICIT -> TransactionStatus.IN_TRANSACTION;
      case FAILED -> TransactionStatus.FAILED;
    };
  }

  private void finish(boolean commit) {
    Transaction tx = transaction;
    transaction = null;
    state = State.IDLE;
    readOnly = false;
    changedCatalog = false;
    savepoints.clear();
    boolean committed = commit;
    try {
      if (tx != null) {
        if (commit) manager.commit(tx, synchronousCommit.getAsBoolean());
        else manager.abort(tx);
      }
    } catch (RuntimeException e) {
      committed = false; // a SERIALIZABLE commit refused with 40001: the manager rolled it back
      throw e;
    } finally {
      onEnd.accept(committed);
    }
  }
}
