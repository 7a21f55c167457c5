package org.minidb.executor.exec;

import java.time.Instant;
import java.time.ZoneId;
import org.minidb.executor.spill.TempFileSpace;
import org.minidb.common.cancel.QueryCancel;
import org.minidb.storage.StorageEngine;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/**
 * What one execution of a plan needs besides the plan: the storage, the transaction and its snapshot for
 * this statement, the bound parameter values ({@code $1} is {@code parameters[0]}), session settings that
 * change results, and counters. One per statement execution; used by one backend thread only.
 */
public final class ExecContext {
  private final StorageEngine storage;
  private final Transaction transaction;
  private final Snapshot snapshot;
  private final Object[] parameters;
  private final ZoneId timeZone;
  private final Instant statementTimestamp;
  private final long workMemBytes;
  private final String sessionUser;
  private final String databaseName;
  private final TempFileSpace tempFiles;
  private long processed;
  /** The backend's cancel state, checked by operators as they consume rows (CHECK_FOR_INTERRUPTS). */
  private QueryCancel cancel = QueryCancel.NONE;
  /** Set only in an EvalPlanQual re-check: the one version the target table's scan returns. */
  private EvalPlanQualRow evalPlanQual;
  /** Executor parameters (PARAM_EXEC), slot by slot: the outer join keys a Nested Loop passes to its inner scan. */
  private Object[] execParams = new Object[0];

  public ExecContext(StorageEngine storage, Transaction transaction, Snapshot snapshot, Object[] parameters,
      ZoneId timeZone, Instant statementTimestamp, long workMemBytes) {
    this(storage, transaction, snapshot, parameters, timeZone, statementTimestamp, workMemBytes, null, null);
  }

  /**
   * @param sessionUser the session's role name (current_user), or null outside a session (planning, tests)
   * @param databaseName the connected database (current_database()), or null outside a session
   */
  public ExecContext(StorageEngine storage, Transaction transaction, Snapshot snapshot, Object[] parameters,
      ZoneId timeZone, Instant statementTimestamp, long workMemBytes, String sessionUser, String databaseName) {
    this(storage, transaction, snapshot, parameters, timeZone, statementTimestamp, workMemBytes, sessionUser,
        databaseName, null);
  }

  /**
   * @param tempFiles the session's temporary files, where sorts and hash tables spill past work_mem; null
   *     keeps them in memory whatever their size (planning, tests without a data directory)
   */
  public ExecContext(StorageEngine storage, Transaction transaction, Snapshot snapshot, Object[] parameters,
      ZoneId timeZone, Instant statementTimestamp, long workMemBytes, String sessionUser, String databaseName,
      TempFileSpace tempFiles) {
    this.tempFiles = tempFiles;
    this.sessionUser = sessionUser;
    this.databaseName = databaseName;
    this.storage = storage;
    this.transaction = transaction;
    this.snapshot = snapshot;
    this.parameters = parameters;
    this.timeZone = timeZone;
    this.statementTimestamp = statementTimestamp;
    this.workMemBytes = workMemBytes;
  }

  /**
   * A context for re-checking one row (PostgreSQL's EvalPlanQual): everything as here, except that the scan of
   * the target table (the one that yields tids) returns only {@code row}; its own row count.
   */
  public ExecContext forEvalPlanQual(EvalPlanQualRow row) {
    ExecContext c = new ExecContext(storage, transaction, snapshot, parameters, timeZone, statementTimestamp,
        workMemBytes, sessionUser, databaseName, tempFiles);
    c.evalPlanQual = row;
    c.cancel = cancel;
    return c;
  }

  /** The row an EvalPlanQual re-check substitutes for the target table's scan, or null. */
  public EvalPlanQualRow evalPlanQual() { return evalPlanQual; }

  public StorageEngine storage() { return storage; }
  public Transaction transaction() { return transaction; }
  public Snapshot snapshot() { return snapshot; }
  public Object parameter(int index) { return parameters[index]; }
  public Object[] parameters() { return parameters; }

  /** The value of executor parameter {@code slot} (null until set: no row has been passed yet). */
  public Object execParam(int slot) { return slot < execParams.length ? execParams[slot] : null; }

  /** Sets executor parameter {@code slot} (a Nested Loop, before it rescans its inner side for an outer row). */
  public void setExecParam(int slot, Object value) {
    if (slot >= execParams.length) execParams = java.util.Arrays.copyOf(execParams, Math.max(slot + 1, 4));
    execParams[slot] = value;
  }
  public ZoneId timeZone() { return timeZone; }
  /** When the current transaction started: what now() and CURRENT_TIMESTAMP return (as in PostgreSQL). */
  public Instant statementTimestamp() { return statementTimestamp; }
  /** work_mem in bytes: what one sort or hash table may hold in memory before it spills. */
  public long workMemBytes() { return workMemBytes; }
  /** The session's temporary files, or null when this execution must not spill. */
  public TempFileSpace tempFiles() { return tempFiles; }
  public String sessionUser() { return sessionUser; }
  public String databaseName() { return databaseName; }

  /** Sets the cancel state the operators check (a session's; {@link QueryCancel#NONE} by default). */
  public ExecContext withQueryCancel(QueryCancel cancel) {
    this.cancel = cancel;
    return this;
  }

  public QueryCancel queryCancel() { return cancel; }

  /**
   * PostgreSQL's CHECK_FOR_INTERRUPTS: throws 57014 if the statement was cancelled. One volatile read; called
   * for every row a scan visits and every row a join, sort or aggregate consumes.
   */
  public void checkForInterrupts() { cancel.check(); }

  /** Rows inserted, updated or deleted so far by this execution (the n of the command tag). */
  public long processed() { return processed; }
  public void addProcessed(long n) { processed += n; }
}
