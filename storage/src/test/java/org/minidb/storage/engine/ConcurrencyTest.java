package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.RowCodec;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.tx.Transaction;

/** Writers and readers on several threads through a pool much smaller than the data. */
class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void writersAndReadersThroughATinyPool() throws Exception {
    int threads = 4;
    int txPerThread = 20;
    int rowsPerTx = 50;
    try (PagedStorageEngine e = PagedStorageEngine.open(new StorageConfig(dir, 12 * 8192, null, false))) {
      Transaction ddl = e.transactions().begin();
      TableDef shared = e.catalog().createTable(ddl, "public", "shared", PagedStorageEngineTest.columns(), List.of());
      e.transactions().commit(ddl);
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      List<Thread> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int id = w;
        workers.add(Thread.ofPlatform().start(() -> {
          try {
            Transaction c = e.transactions().begin();
            TableDef own = e.catalog().createTable(c, "public", "t" + id, PagedStorageEngineTest.columns(), List.of());
            e.transactions().commit(c);
            for (int i = 0; i < txPerThread; i++) {
              Transaction tx = e.transactions().begin();
              tx.nextCommand();
              for (int r = 0; r < rowsPerTx; r++) {
                PagedStorageEngineTest.insert(e, own, tx, r, "row " + r + " of tx " + i + " ".repeat(40));
              }
              if (i % 5 == 0) PagedStorageEngineTest.insert(e, shared, tx, id, "from " + id);
              boolean commit = i % 4 != 3;
              if (commit) e.transactions().commit(tx);
              else e.transactions().abort(tx);
              // A reader statement sees only whole committed transactions.
              Transaction reader = e.transactions().begin();
              reader.nextCommand();
              int n = count(e, own, reader);
              assertEquals(0, n % rowsPerTx, "whole transactions only");
              e.transactions().commit(reader);
            }
          } catch (Throwable t) {
            failures.add(t);
          }
        }));
      }
      for (Thread t : workers) t.join(120_000);
      assertEquals(List.of(), failures);
      int committedPerThread = (int) java.util.stream.IntStream.range(0, txPerThread).filter(i -> i % 4 != 3).count();
      Transaction r = e.transactions().begin();
      for (int w = 0; w < threads; w++) {
        TableDef t = e.catalog().table(r, "public", "t" + w).orElseThrow();
        assertEquals(committedPerThread * rowsPerTx, count(e, t, r));
      }
      int sharedCommitted = (int) java.util.stream.IntStream.range(0, txPerThread).filter(i -> i % 5 == 0 && i % 4 != 3).count();
      assertEquals(threads * sharedCommitted, count(e, shared, r));
      e.transactions().commit(r);
      assertEquals(0, e.bufferPool().pinnedBuffers());
      assertEquals(0, e.transactions().runningCount());
    }
  }

  private static int count(PagedStorageEngine e, TableDef t, Transaction tx) {
    int n = 0;
    try (HeapScan s = e.heap(t).scan(tx.snapshot())) {
      while (s.next()) {
        RowCodec.decode(PagedStorageEngineTest.TYPES, s.tuple());
        n++;
      }
    }
    return n;
  }
}
