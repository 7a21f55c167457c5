package org.minidb.common.cancel;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * One backend's query-cancel state: PostgreSQL's {@code QueryCancelPending} and {@code CHECK_FOR_INTERRUPTS()}.
 * Other threads request a cancel (a CancelRequest from the client, the statement timer); the backend notices it
 * at its next {@link #check()} — a single volatile read, cheap enough for every row of a scan — or at once if it
 * is blocked in a lock wait or in {@code pg_sleep}, because a request runs the wait's registered waker.
 *
 * <p>A request counts only while the backend runs a command ({@link #commandStarted} to {@link #commandEnded}):
 * one that arrives while the backend waits for the client is dropped, as PostgreSQL drops a cancel that arrives
 * while it reads a command. A statement timeout counts only for the statement it was armed for (the token of
 * {@link #statementStarted}), so a timer that fires late cannot cancel the next statement.
 *
 * <p>Threads: {@link #check()}, {@link #sleep} and the start/end methods are the backend's; {@link #cancel()} and
 * {@link #timedOut} may be called from any thread. The backend thread is never {@link Thread#interrupt}ed: an
 * interrupt during file I/O would close the relation's {@code FileChannel} for every backend.
 */
public final class QueryCancel {
  /** Why a statement is cancelled, with PostgreSQL's message. */
  public enum Reason {
    USER_REQUEST("canceling statement due to user request"),
    STATEMENT_TIMEOUT("canceling statement due to statement timeout");

    private final String message;

    Reason(String message) { this.message = message; }

    public String message() { return message; }
  }

  /** A state nobody cancels: for executions outside a session (planning, constant folding, tests). */
  public static final QueryCancel NONE = new QueryCancel();

  /** The cancel to raise at the next check, or null. */
  private volatile Reason pending;
  /** Wakes the backend's current wait (a lock wait), or null when it is not waiting. */
  private volatile Runnable waker;
  // Guarded by this.
  private boolean running;
  private long timedStatement;
  private long statementCounter;

  /**
   * CHECK_FOR_INTERRUPTS: throws 57014 if a cancel is pending (and clears it, so the error's cleanup is not
   * cancelled again).
   */
  public void check() {
    if (pending != null) raise();
  }

  private void raise() {
    Reason reason;
    synchronized (this) {
      reason = pending;
      pending = null;
    }
    if (reason != null) throw DbException.of(SqlState.QUERY_CANCELED, reason.message());
  }

  /** The backend starts a command from the client: cancel requests apply from now on. */
  public synchronized void commandStarted() {
    running = true;
    pending = null;
  }

  /** The command has ended (well or not): requests are dropped until the next one starts. */
  public synchronized void commandEnded() {
    running = false;
    timedStatement = 0;
    pending = null;
  }

  /** A statement starts under statement_timeout; returns the token the timer passes to {@link #timedOut}. */
  public synchronized long statementStarted() {
    timedStatement = ++statementCounter;
    return timedStatement;
  }

  /** The timed statement has ended: its timer no longer counts, nor a timeout it raised too late to be seen. */
  public synchronized void statementEnded() {
    timedStatement = 0;
    if (pending == Reason.STATEMENT_TIMEOUT) pending = null;
  }

  /** A cancel request from the client (any thread): cancels the running command, if there is one. */
  public void cancel() {
    synchronized (this) {
      if (!running) return;
      pending = Reason.USER_REQUEST;
      notifyAll();
    }
    wake();
  }

  /** The statement timer of {@code statement} fired (timer thread). */
  public void timedOut(long statement) {
    synchronized (this) {
      if (!running || timedStatement != statement || statement == 0) return;
      pending = Reason.STATEMENT_TIMEOUT;
      notifyAll();
    }
    wake();
  }

  /** Runs the current wait's waker outside this monitor (it takes the waited-on object's monitor). */
  private void wake() {
    Runnable w = waker;
    if (w != null) w.run();
  }

  /**
   * Registers how to wake the backend's coming wait ({@code null} when the wait is over). A waiter registers
   * before its last {@link #check()} and then waits on the monitor the waker notifies: either the check sees the
   * request or the requester sees the waker (both fields are volatile), so no request is missed.
   */
  public void setWaker(Runnable waker) { this.waker = waker; }

  /** pg_sleep: waits {@code millis}, unless a cancel comes first (then 57014). */
  public void sleep(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    synchronized (this) {
      for (;;) {
        check();
        long left = deadline - System.nanoTime();
        if (left <= 0) return;
        try {
          wait(left / 1_000_000L, (int) (left % 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw DbException.of(SqlState.QUERY_CANCELED, Reason.USER_REQUEST.message(), e);
        }
      }
    }
  }
}
