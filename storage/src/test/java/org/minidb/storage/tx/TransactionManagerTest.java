package org.minidb.storage.tx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.storage.shmem.SharedMemory;

class TransactionManagerTest {
  @TempDir Path dir;

  private final List<SharedMemory> regions = new ArrayList<>();

  private MvccTransactionManager start() { return TransactionManagers.start(dir, regions); }

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
