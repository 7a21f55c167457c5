package org.minidb.sql.session;

import java.time.Instant;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.sql.Notice;
import org.minidb.sql.TransactionStatus;
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
  /** Called after every transaction end with whether it committed. */
  private final java.util.function.Consumer<Boolean> onEnd;
  /** The session's synchronous_commit at commit time (SET LOCAL included: it is undone only after the commit). */
  private final java.util.function.BooleanSupplier synchronousCommit;
  private State state = State.IDLE;
  private Transaction transaction;
  private Instant startedAt;
  private boolean readOnly;
  private boolean changedCatalog;

  TransactionBlock(TransactionManager manager, java.util.function.Consumer<Boolean> onEnd,
      java.util.function.BooleanSupplier synchronousCommit) {
    this.manager = manager;
    this.onEnd = onEnd;
    this.synchronousCommit = synchronousCommit;
  }

  State state() { return state; }

  /** Starts (if needed) the transaction a statement runs in, and its next command. */
  Transaction beginStatement() {
    if (state == State.FAILED) {
      throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
          "current transaction is aborted, commands ignored until end of transaction block");
    }
    if (state == State.IDLE) state = State.IMPLICIT;
    ensureTransaction();
    transaction.nextCommand();
    return transaction;
  }

  private void ensureTransaction() {
    if (transaction == null) {
      transaction = manager.begin();
      startedAt = Instant.now();
    }
  }

  /** BEGIN: returns a warning if a block is already open (PostgreSQL only warns). */
  Notice begin(boolean readOnlyMode) {
    if (state == State.EXPLICIT || state == State.FAILED) {
      return new Notice("WARNING", SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress");
    }
    state = State.EXPLICIT;
    readOnly = readOnlyMode;
    ensureTransaction();
    return null;
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
    try {
      if (tx != null) {
        if (commit) manager.commit(tx, synchronousCommit.getAsBoolean());
        else manager.abort(tx);
      }
    } finally {
      onEnd.accept(commit);
    }
  }
}
