package org.minidb.storage.tx;

import java.util.HashMap;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Relation write locks held until the end of the owning transaction: one holder per relation, others wait.
 * Waits form a graph with one out-edge per waiter (waiter -> holder of the relation it waits for), so a
 * deadlock is a cycle found by following that chain; the transaction that would close it gets 40P01.
 *
 * <p>ON-HEAP for now (a Java monitor): it serves thread mode only. Process mode needs it in the shared
 * region, with the row-lock and lock-mode work of the transactions issue.
 */
final class LockTable {
  private final Map<Long, TransactionState> holders = new HashMap<>();
  private final Map<TransactionState, Long> waitingFor = new HashMap<>();

  synchronized void lock(TransactionState tx, long relOid) {
    for (;;) {
      TransactionState holder = holders.get(relOid);
      if (holder == null) {
        holders.put(relOid, tx);
        return;
      }
      if (holder == tx) return;
      if (wouldDeadlock(tx, holder)) {
        throw DbException.of(SqlState.DEADLOCK_DETECTED, "deadlock detected")
            .withDetail("Process waits for a write lock on relation " + relOid
                + " held by a transaction that waits for this one.");
      }
      waitingFor.put(tx, relOid);
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request", e);
      } finally {
        waitingFor.remove(tx);
      }
    }
  }

  private boolean wouldDeadlock(TransactionState waiter, TransactionState holder) {
    TransactionState h = holder;
    for (int i = 0; i <= waitingFor.size(); i++) {
      Long rel = waitingFor.get(h);
      if (rel == null) return false;
      h = holders.get(rel);
      if (h == null) return false;
      if (h == waiter) return true;
    }
    return false;
  }

  synchronized void releaseAll(TransactionState tx, Iterable<Long> relOids) {
    for (Long rel : relOids) holders.remove(rel, tx);
    notifyAll();
  }

  synchronized TransactionState holder(long relOid) { return holders.get(relOid); }
}
