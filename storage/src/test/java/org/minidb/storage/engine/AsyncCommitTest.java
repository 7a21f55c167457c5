package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.page.Page;
import org.minidb.storage.tx.CommitLog;
import org.minidb.storage.tx.Transaction;

/**
 * synchronous_commit = off: the commit returns before its record is durable; the WAL writer flushes it; a crash
 * before the flush aborts the transaction at recovery and one after keeps it; no commit hint bit and no clog
 * page write runs ahead of the flush.
 */
class AsyncCommitTest {
  @TempDir Path dir;

  private static TableDef table(PagedStorageEngine e) {
    Transaction tx = e.transactions().begin();
    TableDef t = e.catalog().createTable(tx, "public", "t", PagedStorageEngineTest.columns(), List.of());
    e.transactions().commit(tx);
    return t;
  }

  /** Commits one row asynchronously; returns its xid. */
  private static long insertAsync(PagedStorageEngine e, TableDef t, int id) {
    Transaction tx = e.transactions().begin();
    tx.nextCommand();
    PagedStorageEngineTest.insert(e, t, tx, id, "async " + id);
    long xid = tx.xid();
    e.transactions().commit(tx, false);
    return xid;
  }

  /** The infomask of the first tuple of block 0. */
  private static int firstTupleInfomask(PagedStorageEngine e, TableDef t) {
    int buf = e.bufferPool().readBuffer(new RelFileLocator(5, t.relfilenode()), 0);
    try {
      MemorySegment page = e.bufferPool().page(buf);
      return HeapTupleHeader.infomask(page, Page.itemOffset(page, 1));
    } finally {
      e.bufferPool().unpin(buf);
    }
  }

  @Test
  void commitReturnsBeforeTheFlushAndHintBitsWaitForIt() {
    try (PagedStorageEngine e = PagedStorageEngine.open(AsyncCommitCrashChild.config(dir.resolve("data")))) {
      TableDef t = table(e);
      long xid = insertAsync(e, t, 1);
      assertTrue(e.wal().needsFlush(e.wal().asyncCommitLsn()), "the commit did not wait for its record");
      assertEquals(CommitLog.COMMITTED, e.transactions().xidStatus(xid));
      Transaction reader = e.transactions().begin();
      reader.nextCommand();
      assertEquals(List.of("1:async 1"), PagedStorageEngineTest.rows(e, t, reader), "visible at once");
      assertEquals(0, firstTupleInfomask(e, t) & HeapTupleHeader.XMIN_COMMITTED,
          "no commit hint while the commit record may still be lost");
      e.wal().flush(e.wal().asyncCommitLsn());
      reader.nextCommand();
      assertEquals(List.of("1:async 1"), PagedStorageEngineTest.rows(e, t, reader));
      assertNotEquals(0, firstTupleInfomask(e, t) & HeapTupleHeader.XMIN_COMMITTED, "hinted once durable");
      e.transactions().commit(reader);
    }
  }

  @Test
  void aClogPageIsWrittenOnlyAfterTheWalCoversItsCommits() {
    try (PagedStorageEngine e = PagedStorageEngine.open(AsyncCommitCrashChild.config(dir.resolve("data")))) {
      TableDef t = table(e);
      insertAsync(e, t, 1);
      long commitEnd = e.wal().asyncCommitLsn();
      assertTrue(e.wal().needsFlush(commitEnd));
      e.transactions().flush(); // writes the clog pages (a checkpoint's step)
      assertFalse(e.wal().needsFlush(commitEnd), "the clog page write flushed the WAL first");
    }
  }

  @Test
  void theWalWriterFlushesAsyncCommitsInTheBackground() throws Exception {
    StorageConfig config = new StorageConfig(dir.resolve("data"), 256 * 8192, null, false, 0, 1L << 30, 80L << 20,
        20, 1L << 20);
    try (PagedStorageEngine e = PagedStorageEngine.open(config)) {
      TableDef t = table(e);
      insertAsync(e, t, 1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (e.wal().needsFlush(e.wal().asyncCommitLsn())) {
        assertTrue(System.nanoTime() < deadline, "the WAL writer did not flush the async commit");
        Thread.sleep(5);
      }
      assertTrue(e.walWriter().flushes() > 0);
    }
  }

  @Test
  void aCrashAbortsTheAsyncCommitsWhoseRecordsWereNotFlushed() throws Exception {
    Path data = dir.resolve("data");
    String out = ChildJvm.run(AsyncCommitCrashChild.class, data);
    assertTrue(out.contains("UNFLUSHED true"), out);
    String[] xids = out.lines().filter(l -> l.startsWith("XIDS ")).findFirst().orElseThrow().substring(5).split(" ");
    try (PagedStorageEngine e = PagedStorageEngine.open(AsyncCommitCrashChild.config(data))) {
      assertEquals(CommitLog.COMMITTED, e.transactions().xidStatus(Long.parseLong(xids[0])));
      assertEquals(CommitLog.COMMITTED, e.transactions().xidStatus(Long.parseLong(xids[1])));
      assertEquals(CommitLog.ABORTED, e.transactions().xidStatus(Long.parseLong(xids[2])));
      Transaction r = e.transactions().begin();
      TableDef t = e.catalog().table(r, "public", "t").orElseThrow();
      assertEquals(List.of("1:flushed", "2:flushed"), PagedStorageEngineTest.rows(e, t, r));
      e.transactions().commit(r);
    }
  }
}
