package org.minidb.sql.engine;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.minidb.common.cancel.QueryCancel;

/**
 * The server's one timer for statement_timeout (PostgreSQL arms a SIGALRM per backend; here one daemon thread
 * serves every session). Arming costs a task in the scheduler's queue; a disarmed task leaves the queue at once,
 * so millions of short statements leave nothing behind. The timer only sets the session's cancel state: the
 * backend itself raises 57014 at its next check, or at once from a lock wait or pg_sleep.
 */
public final class StatementTimer implements AutoCloseable {
  private final ScheduledThreadPoolExecutor scheduler;

  public StatementTimer() {
    scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("statement-timer").factory());
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** An armed timeout; {@link #disarm()} it when the statement ends. */
  public static final class Armed {
    private final QueryCancel cancel;
    private final ScheduledFuture<?> task;

    private Armed(QueryCancel cancel, ScheduledFuture<?> task) {
      this.cancel = cancel;
      this.task = task;
    }

    public void disarm() {
      task.cancel(false);
      cancel.statementEnded();
    }
  }

  /** Arms statement_timeout for the statement {@code cancel}'s backend starts now. */
  public Armed arm(QueryCancel cancel, long millis) {
    long statement = cancel.statementStarted();
    return new Armed(cancel, scheduler.schedule(() -> cancel.timedOut(statement), millis, TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() { scheduler.shutdownNow(); }
}
