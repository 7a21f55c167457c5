package org.minidb.storage.tx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.storage.shmem.SharedMemory;

/** Lock modes, waits for transactions, deadlock detection, NOWAIT and lock_timeout. */
class LockTableTest {
  @TempDir Path dir;
  private final List<SharedMemory> regions = new ArrayList<>();

  @AfterEach
  void free() { regions.forEach(SharedMemory::close); }

  @Test
  void conflictTableIsPostgresqls() {
    // Each mode's conflicts, as in PostgreSQL's documentation (Table 13.2), strongest last.
    String[] expected = {
        "-------X", "------XX", "----XXXX", "---XXXXX", "--XX-XXX", "--XXXXXX", "-XXXXXXX", "XXXXXXXX"};
    LockMode[] modes = LockMode.values();
    for (int i = 0; i < modes.length; i++) {
      StringBuilder row = new StringBuilder();
      for (LockMode other : modes) row.append(modes[i].conflictsWithAny(other.bit()) ? 'X' : '-');
      assertEquals(expected[i], row.toString(), modes[i].pgName());
    }
  }

  @Test
  void compatibleModesShareAndConflictingOnesWait() throws Exception {
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    Transaction a = tm.begin(1);
    Transaction b = tm.begin(2);
    a.lockRelation(100, LockMode.ROW_EXCLUSIVE);
    b.lockRelation(100, LockMode.ROW_EXCLUSIVE); // writers of one table run together
    Transaction c = tm.begin(3);
    assertFalse(c.tryLockRelation(100, LockMode.SHARE), "NOWAIT: SHARE conflicts with ROW EXCLUSIVE");
    CompletableFuture<Void> dropper = CompletableFuture.runAsync(() -> c.lockRelation(100, LockMode.ACCESS_EXCLUSIVE));
    tm.commit(a);
    assertFalse(waitDone(dropper, 200), "still held by b");
    tm.commit(b);
    dropper.get(10, TimeUnit.SECONDS);
    tm.commit(c);
  }

  @Test
  void waitingForATransactionEndsWithIt() throws Exception {
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    Transaction writer = tm.begin(1);
    long xid = writer.xid();
    Transaction other = tm.begin(2);
    CompletableFuture<Void> wait = CompletableFuture.runAsync(() -> other.waitForTransaction(xid));
    assertFalse(waitDone(wait, 200));
    tm.abort(writer);
    wait.get(10, TimeUnit.SECONDS);
    other.waitForTransaction(xid); // ended: returns at once
    tm.commit(other);
  }

  @Test
  void deadlockVictimIsTheWaiterWhoseDeadlockTimeoutRunsOutFirst() throws Exception {
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    Transaction a = tm.begin(11);
    Transaction b = tm.begin(22);
    a.setDeadlockTimeout(60_000); // a waits first but looks only after a minute: b's check finds the cycle
    b.setDeadlockTimeout(20);
    long xa = a.xid();
    long xb = b.xid();
    CompletableFuture<Void> aWaits = CompletableFuture.runAsync(() -> a.waitForTransaction(xb));
    for (int i = 0; i < 500 && !isWaiting(tm, a); i++) Thread.sleep(2);
    assertTrue(isWaiting(tm, a));
    DbException e = assertThrows(DbException.class, () -> b.waitForTransaction(xa));
    assertEquals("40P01", e.sqlState());
    assertEquals("deadlock detected", e.getMessage());
    assertEquals("Process 22 waits for ShareLock on transaction " + xa + "; blocked by process 11.\n"
        + "Process 11 waits for ShareLock on transaction " + xb + "; blocked by process 22.", e.detail());
    tm.abort(b);
    aWaits.get(10, TimeUnit.SECONDS);
    tm.commit(a);
  }

  @Test
  void theFirstWaiterIsTheVictimWhenTimeoutsAreEqual() throws Exception {
    // PostgreSQL's rule: the transaction whose deadlock_timeout expires first while in the cycle gives up.
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    Transaction a = tm.begin(11);
    Transaction b = tm.begin(22);
    a.setDeadlockTimeout(200);
    b.setDeadlockTimeout(200);
    long xa = a.xid();
    long xb = b.xid();
    CompletableFuture<Void> aWaits = CompletableFuture.runAsync(() -> a.waitForTransaction(xb));
    for (int i = 0; i < 500 && !isWaiting(tm, a); i++) Thread.sleep(2);
    CompletableFuture<Void> bWaits = inThread(() -> b.waitForTransaction(xa));
    java.util.concurrent.ExecutionException e =
        assertThrows(java.util.concurrent.ExecutionException.class, () -> aWaits.get(10, TimeUnit.SECONDS));
    assertEquals("40P01", ((DbException) e.getCause()).sqlState());
    tm.abort(a);
    bWaits.get(10, TimeUnit.SECONDS);
    tm.commit(b);
  }

  @Test
  void aFullLockTableGives53200AndRecovers() {
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    Transaction a = tm.begin(1);
    DbException e = assertThrows(DbException.class, () -> {
      for (long oid = 1; oid <= LockPartitions.LOCKS_PER_PARTITION * (long) LockPartitions.PARTITIONS + 1; oid++) {
        a.lockRelation(oid, LockMode.ACCESS_SHARE);
      }
    });
    assertEquals("53200", e.sqlState());
    assertEquals("out of shared memory", e.getMessage());
    assertEquals("You might need to increase max_locks_per_transaction.", e.hint());
    tm.abort(a);
    Transaction b = tm.begin(2);
    for (long oid = 1; oid <= 1000; oid++) b.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE); // all freed
    tm.commit(b);
  }

  @Test
  void manyThreadsContendingForOneLockAllGetIt() throws Exception {
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    int threads = 8;
    int rounds = 200;
    long[] counter = {0};
    List<CompletableFuture<Void>> all = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      int pid = 100 + t;
      all.add(CompletableFuture.runAsync(() -> {
        for (int r = 0; r < rounds; r++) {
          Transaction tx = tm.begin(pid);
          tx.lockRelation(5, LockMode.EXCLUSIVE);
          counter[0]++; // guarded by the EXCLUSIVE lock
          tm.commit(tx);
        }
      }, pool));
    }
    try {
      for (CompletableFuture<Void> f : all) f.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    Transaction check = tm.begin(1);
    check.lockRelation(5, LockMode.EXCLUSIVE);
    assertEquals((long) threads * rounds, counter[0]);
    tm.commit(check);
  }

  @Test
  void fastPathWeakLocksAreSeenByStrongRequestsAndTheDeadlockDetector() throws Exception {
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    Transaction a = tm.begin(11);
    Transaction b = tm.begin(22);
    a.setDeadlockTimeout(60_000);
    b.setDeadlockTimeout(20);
    a.lockRelation(42, LockMode.ROW_EXCLUSIVE); // fast path: nobody wants a strong lock on 42
    assertEquals(LockMode.ROW_EXCLUSIVE.bit(), tm.lockTable().heldModes(((TransactionState) a).procSlot(), LockTag.relation(42)));
    long xb = b.xid();
    assertFalse(b.tryLockRelation(42, LockMode.SHARE), "the strong request moved a's lock into the shared table");
    CompletableFuture<Void> aWaits = inThread(() -> a.waitForTransaction(xb));
    for (int i = 0; i < 500 && !isWaiting(tm, a); i++) Thread.sleep(2);
    DbException e = assertThrows(DbException.class, () -> b.lockRelation(42, LockMode.ACCESS_EXCLUSIVE));
    assertEquals("40P01", e.sqlState());
    assertTrue(e.detail().contains("waits for AccessExclusiveLock on relation 42; blocked by process 11."), e.detail());
    tm.abort(b);
    aWaits.get(10, TimeUnit.SECONDS);
    Transaction c = tm.begin(33);
    CompletableFuture<Void> strong = inThread(() -> c.lockRelation(42, LockMode.ACCESS_EXCLUSIVE));
    assertFalse(waitDone(strong, 200), "a still holds ROW EXCLUSIVE");
    tm.commit(a);
    strong.get(10, TimeUnit.SECONDS);
    Transaction d = tm.begin(44);
    assertFalse(d.tryLockRelation(42, LockMode.ACCESS_SHARE), "a weak request meets the strong holder");
    tm.commit(c);
    assertTrue(d.tryLockRelation(42, LockMode.ACCESS_SHARE));
    tm.commit(d);
  }

  @Test
  void lockTimeoutGives55P03() {
    MvccTransactionManager tm = TransactionManagers.start(dir, regions);
    Transaction a = tm.begin(1);
    a.lockRelation(7, LockMode.ACCESS_EXCLUSIVE);
    Transaction b = tm.begin(2);
    b.setLockTimeout(50);
    DbException e = assertThrows(DbException.class, () -> b.lockRelation(7, LockMode.ACCESS_SHARE));
    assertEquals("55P03", e.sqlState());
    assertEquals("canceling statement due to lock timeout", e.getMessage());
    tm.abort(b);
    tm.commit(a);
    Transaction c = tm.begin(3);
    c.lockRelation(7, LockMode.ACCESS_EXCLUSIVE); // everything was released
    tm.commit(c);
  }

  /** Runs {@code r} in a new platform thread (the common pool may have a single thread on a small machine). */
  private static CompletableFuture<Void> inThread(Runnable r) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> {
      try {
        r.run();
        f.complete(null);
      } catch (RuntimeException ex) {
        f.completeExceptionally(ex);
      }
    });
    return f;
  }

  private static boolean waitDone(CompletableFuture<?> f, long millis) {
    try {
      f.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isWaiting(MvccTransactionManager tm, Transaction t) {
    return tm.lockTable().isWaiting((TransactionState) t);
  }
}
