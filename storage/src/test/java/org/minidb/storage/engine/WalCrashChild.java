package org.minidb.storage.engine;

import java.nio.file.Path;
import java.util.List;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.Transaction;

/**
 * Run in a child JVM by {@link WalCrashRecoveryTest}: after a checkpoint, commits many small transactions
 * (inserts, an update, a delete) whose data pages stay in the buffer pool only, leaves one transaction running,
 * prints the table's file and halts: only the WAL has the committed work.
 */
public final class WalCrashChild {
  public static void main(String[] args) {
    PagedStorageEngine e = PagedStorageEngine.open(new StorageConfig(Path.of(args[0]), 256 * 8192, null, false));
    Transaction tx = e.transactions().begin();
    TableDef t = e.catalog().createTable(tx, "public", "t", PagedStorageEngineTest.columns(), List.of());
    tx.nextCommand();
    for (int i = 1; i <= 50; i++) PagedStorageEngineTest.insert(e, t, tx, i, "base");
    e.transactions().commit(tx);
    e.flush(); // checkpoint: block 0 is on disk; its next change logs a full-page image

    for (int k = 0; k < 20; k++) {
      Transaction c = e.transactions().begin();
      c.nextCommand();
      for (int i = 0; i < 5; i++) PagedStorageEngineTest.insert(e, t, c, 100 + k * 5 + i, "c" + k);
      e.transactions().commit(c);
    }
    Transaction u = e.transactions().begin();
    u.nextCommand();
    try (var scan = e.heap(t).scan(u.snapshot())) {
      while (scan.next()) {
        int id = (Integer) org.minidb.common.encoding.RowCodec.decode(PagedStorageEngineTest.TYPES, scan.tuple())[0];
        if (id == 1) e.heap(t).update(u, scan.tid(), org.minidb.common.encoding.RowCodec.encode(
            PagedStorageEngineTest.TYPES, new Object[] {1, "updated"}));
        if (id == 2) e.heap(t).delete(u, scan.tid());
      }
    }
    e.transactions().commit(u);

    Transaction running = e.transactions().begin();
    running.nextCommand();
    for (int i = 0; i < 10; i++) PagedStorageEngineTest.insert(e, t, running, 900 + i, "uncommitted");
    System.out.println("RELFILENODE " + t.relfilenode());
    System.out.println("WRITES " + e.bufferPool().writes());
    System.out.println("READY");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
