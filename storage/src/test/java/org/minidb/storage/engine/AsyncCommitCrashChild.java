package org.minidb.storage.engine;

import java.nio.file.Path;
import java.util.List;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.Transaction;

/**
 * Run in a child JVM by {@link AsyncCommitTest}: two asynchronous commits whose records are then flushed (as the
 * WAL writer would), one whose record is not, then a halt. No WAL writer round and no checkpoint can come in
 * between (wal_writer_delay of an hour, no background checkpointer), so the outcome is decided by the test alone.
 */
public final class AsyncCommitCrashChild {
  static StorageConfig config(Path data) {
    return new StorageConfig(data, 256 * 8192, null, false, 0, 1L << 30, 80L << 20, 3_600_000, 1L << 40);
  }

  public static void main(String[] args) {
    PagedStorageEngine e = PagedStorageEngine.open(config(Path.of(args[0])));
    Transaction tx = e.transactions().begin();
    TableDef t = e.catalog().createTable(tx, "public", "t", PagedStorageEngineTest.columns(), List.of());
    e.transactions().commit(tx);
    long[] xids = new long[3];
    for (int i = 0; i < 3; i++) {
      if (i == 2) e.wal().flush(e.wal().asyncCommitLsn()); // the first two become durable
      Transaction c = e.transactions().begin();
      c.nextCommand();
      PagedStorageEngineTest.insert(e, t, c, i + 1, i < 2 ? "flushed" : "lost");
      xids[i] = c.xid();
      e.transactions().commit(c, false);
    }
    System.out.println("XIDS " + xids[0] + " " + xids[1] + " " + xids[2]);
    System.out.println("UNFLUSHED " + e.wal().needsFlush(e.wal().asyncCommitLsn()));
    System.out.println("READY");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
