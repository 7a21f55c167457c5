package org.minidb.storage.tx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.file.FileSync;

class TransactionManagerTest {
  @TempDir Path dir;

  private final List<SharedMemory> regions = new ArrayList<>();

  private MvccTransactionManager start() {
    SharedMemory shm = SharedMemory.allocate(SharedMemory.sizeFor(MvccTransactionManager.sharedSizes()));
    regions.add(shm);
    MvccTransactionManager tm = new MvccTransactionManager(shm, dir, false);
    if (!ControlFile.exists(dir)) {
      FileSync.createDirectories(dir.resolve("global"), false);
      new ControlFile(42, ControlFile.BOOTSTRAPPING, TransactionIds.FIRST_NORMAL, VariableCache.FIRST_NORMAL_OID,
          TransactionIds.FIRST_NORMAL).write(dir, false);
    }
    tm.startup(ControlFile.read(dir));
    return tm;
  }

  @org.junit.jupiter.api.AfterEach
  void free() { regions.forEach(SharedMemory::close); }

  @Test
  void xidsAreAssignedLazilyAndOutcomesRecorded() {
    MvccTransactionManager tm = start();
    Transaction reader = tm.begin();
    Snapshot s = reader.snapshot();
    assertFalse(reader.hasXid());
    assertEquals(0, s.ownXid());
    tm.commit(reader);
    assertEquals(0, tm.runningCount());

    Transaction a = tm.begin();
    long xa = a.xid();
    assertEquals(TransactionIds.FIRST_NORMAL, xa);
    assertEquals(xa, a.xid());
    Transaction b = tm.begin();
    long xb = b.xid();
    assertEquals(xa + 1, xb);
    Snapshot sb = b.snapshot();
    assertTrue(SnapshotXids.isRunning(sb, xa), "a runs");
    assertEquals(xb, sb.ownXid());
    assertEquals(xb + 1, sb.xmax());
    tm.commit(a);
    assertEquals(CommitLog.COMMITTED, tm.xidStatus(xa));
    assertTrue(SnapshotXids.isRunning(sb, xa), "the old snapshot still sees a as running");
    assertFalse(SnapshotXids.isRunning(b.snapshot(), xa), "a new one does not");
    tm.abort(b);
    tm.abort(b); // twice is fine
    assertEquals(CommitLog.ABORTED, tm.xidStatus(xb));
    assertThrows(DbException.class, () -> tm.commit(b));
  }

  @Test
  void commandIdsAndActions() {
    MvccTransactionManager tm = start();
    Transaction t = tm.begin();
    assertEquals(0, t.commandId());
    t.nextCommand();
    assertEquals(1, t.snapshot().commandId());
    List<String> ran = new ArrayList<>();
    t.onCommit(() -> ran.add("commit"));
    t.onAbort(() -> ran.add("abort"));
    t.onCommit(() -> { throw new IllegalStateException("boom"); });
    t.onCommit(() -> ran.add("after failure"));
    tm.commit(t);
    assertEquals(List.of("commit", "after failure"), ran);
  }

  @Test
  void writeLocksSerializeAndDetectDeadlocks() throws Exception {
    MvccTransactionManager tm = start();
    Transaction a = tm.begin();
    Transaction b = tm.begin();
    a.lockRelationForWrite(100);
    a.lockRelationForWrite(100); // re-entrant for the holder
    b.lockRelationForWrite(200);
    CountDownLatch bWaits = new CountDownLatch(1);
    AtomicReference<Throwable> bFailure = new AtomicReference<>();
    Thread tb = Thread.ofVirtual().start(() -> {
      bWaits.countDown();
      try {
        b.lockRelationForWrite(100); // waits for a
      } catch (Throwable e) {
        bFailure.set(e);
      }
    });
    assertTrue(bWaits.await(10, TimeUnit.SECONDS));
    // Wait (bounded) until b is really queued behind a.
    for (int i = 0; i < 1000 && tm.lockTable().holder(100) == a && !waiting(tm, b); i++) Thread.sleep(5);
    DbException e = assertThrows(DbException.class, () -> a.lockRelationForWrite(200));
    assertEquals("40P01", e.sqlState());
    tm.abort(a);
    tb.join(10_000);
    assertFalse(tb.isAlive());
    assertNull(bFailure.get());
    assertSame(b, tm.lockTable().holder(100));
    tm.commit(b);
    assertNull(tm.lockTable().holder(100));
    assertNull(tm.lockTable().holder(200));
  }

  private static boolean waiting(MvccTransactionManager tm, Transaction t) {
    try {
      var f = LockTable.class.getDeclaredField("waitingFor");
      f.setAccessible(true);
      synchronized (tm.lockTable()) {
        return ((java.util.Map<?, ?>) f.get(tm.lockTable())).containsKey(t);
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void afterACrashRunningTransactionsAreAborted() {
    MvccTransactionManager tm = start();
    Transaction committed = tm.begin();
    long xc = committed.xid();
    tm.commit(committed);
    Transaction running = tm.begin();
    long xr = running.xid();
    long oid = tm.newOid();
    assertEquals(VariableCache.FIRST_NORMAL_OID, oid);
    tm.flush(); // the clog pages reach disk, the control file says IN_PRODUCTION: then "crash"

    MvccTransactionManager again = start();
    assertEquals(CommitLog.COMMITTED, again.xidStatus(xc));
    assertEquals(CommitLog.ABORTED, again.xidStatus(xr));
    assertTrue(again.nextXid() > xr, "xids are not reused");
    assertTrue(again.newOid() > oid, "oids are not reused");
    again.shutdown();
    ControlFile c = ControlFile.read(dir);
    assertEquals(ControlFile.SHUT_DOWN, c.state());
    assertEquals(again.nextXid(), c.nextXid());
  }
}
