package org.minidb.common.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

/** When a cancel counts, what it raises, and that it wakes a sleeping backend. */
class QueryCancelTest {
  private static void assertCanceled(QueryCancel.Reason reason, QueryCancel cancel) {
    DbException e = assertThrows(DbException.class, cancel::check);
    assertEquals("57014", e.sqlState());
    assertEquals(reason.message(), e.getMessage());
  }

  @Test
  void aRequestCountsOnlyWhileACommandRuns() {
    QueryCancel cancel = new QueryCancel();
    cancel.cancel();
    cancel.commandStarted();
    cancel.check(); // the request came while idle: dropped, as PostgreSQL drops it
    cancel.cancel();
    assertCanceled(QueryCancel.Reason.USER_REQUEST, cancel);
    cancel.check(); // raised once: the error's cleanup is not cancelled again
    cancel.cancel();
    cancel.commandEnded();
    cancel.commandStarted();
    cancel.check(); // a request the command did not see ends with it
  }

  @Test
  void aTimeoutCountsOnlyForItsOwnStatement() {
    QueryCancel cancel = new QueryCancel();
    cancel.commandStarted();
    long first = cancel.statementStarted();
    cancel.statementEnded();
    long second = cancel.statementStarted();
    cancel.timedOut(first); // a late timer of the statement before
    cancel.check();
    cancel.timedOut(second);
    assertCanceled(QueryCancel.Reason.STATEMENT_TIMEOUT, cancel);
    long third = cancel.statementStarted();
    cancel.timedOut(third);
    cancel.statementEnded(); // fired after the statement's last check: not carried to the next statement
    cancel.check();
    cancel.commandEnded();
  }

  @Test
  void aCancelWakesASleep() throws Exception {
    QueryCancel cancel = new QueryCancel();
    cancel.commandStarted();
    CompletableFuture<Void> sleeper = CompletableFuture.runAsync(() -> cancel.sleep(60_000));
    cancel.cancel();
    ExecutionException e = assertThrows(ExecutionException.class, () -> sleeper.get(30, TimeUnit.SECONDS));
    assertEquals("57014", ((DbException) e.getCause()).sqlState());
    cancel.commandEnded();
    cancel.sleep(1); // nothing pending: a short sleep just returns
  }

  @Test
  void aRequestRunsTheWaitersWaker() {
    QueryCancel cancel = new QueryCancel();
    int[] woken = new int[1];
    cancel.setWaker(() -> woken[0]++);
    cancel.cancel();
    assertEquals(0, woken[0], "no command runs: nothing to wake");
    cancel.commandStarted();
    cancel.cancel();
    assertEquals(1, woken[0]);
    cancel.setWaker(null);
    cancel.cancel();
    assertEquals(1, woken[0]);
  }
}
