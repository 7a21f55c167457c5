package org.minidb.storage.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.cancel.QueryCancel;
import org.minidb.common.error.DbException;
import org.minidb.storage.shmem.SharedMemory;

/** A cancel request or a statement timeout ends a lock wait at once, and the lock table keeps no trace of it. */
class LockWaitCancelTest {
  @TempDir Path dir;
  private final List<SharedMemory> regions = new ArrayList<>();

  @AfterEach
  void free() { regions.forEach(SharedMemory::close); }

  private static void awaitWaiting(MvccTransactionManager tm, Transaction t) throws InterruptedException {
    for (int i = 0; i < 5_000 && !tm.lockTable().isWaiting((TransactionState) t); i++) Thread.sleep(2);
    assertTrue(tm.lockTable().isWaiting((TransactionState) t));
  }

  private static DbException failure(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
    return (DbException) e.getCause();
  }

  @Test
  void cancelAndTimeoutEndWaits() throws Exception {
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    Transaction holder = tm.begin(1);
    holder.lockRelation(7, LockMode.ACCESS_EXCLUSIVE);
    long holderXid = holder.xid();

    QueryCancel cancel = new QueryCancel();
    Transaction waiter = tm.begin(2);
    waiter.setQueryCancel(cancel);
    cancel.commandStarted();
    CompletableFuture<Void> lock = CompletableFuture.runAsync(() -> waiter.lockRelation(7, LockMode.ACCESS_SHARE));
    awaitWaiting(tm, waiter);
    cancel.cancel();
    DbException e = failure(lock);
    assertEquals("57014", e.sqlState());
    assertEquals("canceling statement due to user request", e.getMessage());
    assertFalse(tm.lockTable().isWaiting((TransactionState) waiter));

    long statement = cancel.statementStarted();
    CompletableFuture<Void> row = CompletableFuture.runAsync(() -> waiter.waitForTransaction(holderXid));
    awaitWaiting(tm, waiter);
    cancel.timedOut(statement);
    e = failure(row);
    assertEquals("canceling statement due to statement timeout", e.getMessage());
    cancel.statementEnded();
    cancel.commandEnded();
    tm.abort(waiter);

    tm.commit(holder);
    Transaction next = tm.begin(3);
    next.lockRelation(7, LockMode.ACCESS_EXCLUSIVE); // nothing left behind
    tm.commit(next);
  }
}
