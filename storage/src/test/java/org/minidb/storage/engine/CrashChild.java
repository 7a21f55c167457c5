package org.minidb.storage.engine;

import java.nio.file.Path;
import java.util.List;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.Transaction;

/**
 * Run in a child JVM by {@link CrashRecoveryTest}: commits a table with rows, flushes, then leaves a
 * transaction running with its rows written to disk, commits one with savepoints, and halts without closing
 * anything.
 */
public final class CrashChild {
  public static void main(String[] args) {
    PagedStorageEngine e = PagedStorageEngine.open(new StorageConfig(Path.of(args[0]), 16 * 8192, null, false));
    Transaction tx = e.transactions().begin();
    TableDef t = e.catalog().createTable(tx, "public", "t", PagedStorageEngineTest.columns(), List.of());
    tx.nextCommand();
    for (int i = 1; i <= 100; i++) PagedStorageEngineTest.insert(e, t, tx, i, "committed");
    e.transactions().commit(tx);
    e.flush();

    Transaction running = e.transactions().begin();
    running.nextCommand();
    for (int i = 1; i <= 100; i++) PagedStorageEngineTest.insert(e, t, running, 1000 + i, "running at crash");
    try (var scan = e.heap(t).scan(running.snapshot())) { // deletes the committed rows (xmax = running)
      while (scan.next()) e.heap(t).delete(running, scan.tid());
    }
    TableDef ghost = e.catalog().createTable(running, "public", "ghost", PagedStorageEngineTest.columns(), List.of());
    e.heap(ghost); // its file exists
    e.flush(); // the running transaction's tuples and catalog rows reach disk

    // Committed after the last flush: only the WAL knows, and its commit record names the subtransactions.
    Transaction withSavepoints = e.transactions().begin();
    withSavepoints.nextCommand();
    PagedStorageEngineTest.insert(e, t, withSavepoints, 201, "committed");
    withSavepoints.beginSubtransaction();
    PagedStorageEngineTest.insert(e, t, withSavepoints, 202, "committed");
    withSavepoints.releaseSubtransaction();
    withSavepoints.beginSubtransaction();
    PagedStorageEngineTest.insert(e, t, withSavepoints, 203, "rolled back to a savepoint");
    withSavepoints.rollbackSubtransaction();
    withSavepoints.beginSubtransaction();
    PagedStorageEngineTest.insert(e, t, withSavepoints, 204, "committed"); // released by the commit
    e.transactions().commit(withSavepoints);
    System.out.println("READY");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
