package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.Transaction;

/** The background checkpointer (checkpoint_timeout, max_wal_size) and CHECKPOINT. */
class CheckpointerTest {
  @TempDir Path dir;

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(10);
    }
  }

  private static TableDef table(PagedStorageEngine e) {
    Transaction tx = e.transactions().begin();
    TableDef t = e.catalog().createTable(tx, "public", "t", PagedStorageEngineTest.columns(), List.of());
    e.transactions().commit(tx);
    return t;
  }

  private static void insertRows(PagedStorageEngine e, TableDef t, int from, int n) {
    Transaction tx = e.transactions().begin();
    for (int i = from; i < from + n; i++) PagedStorageEngineTest.insert(e, t, tx, i, "row " + i);
    e.transactions().commit(tx);
  }

  @Test
  void aTimedCheckpointRunsAfterWalActivityAndWritesTheDirtyPages() throws Exception {
    StorageConfig config = new StorageConfig(dir.resolve("data"), 64 * 8192, null, false, 200, 1L << 30);
    try (PagedStorageEngine e = PagedStorageEngine.open(config)) {
      TableDef t = table(e);
      insertRows(e, t, 1, 100);
      long before = e.checkpointsDone();
      await(() -> e.checkpointsDone() > before, "a timed checkpoint");
      await(() -> e.bufferPool().dirtyBuffers() == 0 || e.checkpointsDone() > before + 1, "clean buffers");
      assertTrue(e.wal().redoPointer() > 0);
      // No WAL since: no more timed checkpoints are needed (one may still be finishing).
      long settled = e.checkpointsDone();
      Thread.sleep(500);
      assertTrue(e.checkpointsDone() <= settled + 1);
    }
  }

  @Test
  void walVolumeTriggersACheckpointBeforeTheTimeout() throws Exception {
    StorageConfig config = new StorageConfig(dir.resolve("data"), 64 * 8192, null, false,
        TimeUnit.HOURS.toMillis(1), 256 * 1024);
    try (PagedStorageEngine e = PagedStorageEngine.open(config)) {
      TableDef t = table(e);
      assertEquals(0, e.checkpointsByWalSize());
      for (int round = 0; round < 200 && e.checkpointsByWalSize() == 0; round++) insertRows(e, t, round * 100, 100);
      // It is spread against the WAL volume, which no longer grows; close() hurries it.
      await(() -> e.checkpointsByWalSize() > 0, "a checkpoint requested by WAL volume");
    }
  }

  @Test
  void checkpointCommandIsImmediateAndRecoveryStartsAtItsRedoPoint() {
    StorageConfig config = new StorageConfig(dir.resolve("data"), 64 * 8192, null, false, 0, 1L << 30);
    try (PagedStorageEngine e = PagedStorageEngine.open(config)) {
      TableDef t = table(e);
      insertRows(e, t, 1, 10);
      long lsn = e.currentWalLsn();
      long before = e.checkpointsDone();
      e.checkpoint();
      assertEquals(before + 1, e.checkpointsDone());
      assertTrue(e.wal().redoPointer() >= lsn);
      assertEquals(0, e.bufferPool().dirtyBuffers());
    }
  }
}
