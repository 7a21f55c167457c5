package org.minidb.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.engine.PagedStorageEngine;
import org.minidb.storage.btree.BTreeFixture.Entry;

/**
 * Four threads insert (causing splits at every level, with pages evicted from a small pool) while two threads
 * scan, one forward and one backward (through left links): every scan is strictly ascending (descending), and
 * sees every entry inserted before it began; at the end every entry is there and the checker passes; without and
 * with the WAL. Bounded in entries and time.
 */
class BTreeConcurrencyTest {
  @TempDir Path dir;

  private static final int WRITERS = 4;

  @Test
  void insertersAndScannersTogether() throws Exception {
    try (BTreeFixture f = new BTreeFixture(dir, 48)) {
      run(f.create(30000), 15_000);
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }

  /** The same with the WAL: evicting a dirty page flushes the WAL, while the evicting writer holds latches. */
  @Test
  void insertersAndScannersTogetherWithTheWal() throws Exception {
    StorageConfig config = new StorageConfig(dir.resolve("data"), 48L * 8192, null, false, 0,
        StorageConfig.DEFAULT_MAX_WAL_SIZE_BYTES);
    try (PagedStorageEngine e = PagedStorageEngine.open(config)) {
      run(e.createIndex(30001, "concurrent_idx"), 5_000);
      assertEquals(0, e.bufferPool().pinnedBuffers());
      assertTrue(e.bufferPool().writes() > 0, "pages were evicted");
    }
  }

  private static void run(BTree tree, int perWriter) throws Exception {
    {
      List<List<Entry>> work = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Random rnd = new Random(w);
        List<Entry> mine = new ArrayList<>();
        for (int i = 0; i < perWriter; i++) {
          int len = rnd.nextInt(40) == 0 ? 200 + rnd.nextInt(1500) : 1 + rnd.nextInt(10);
          byte[] key = new byte[len];
          rnd.nextBytes(key);
          key[0] = (byte) rnd.nextInt(8); // few leading bytes: writers collide on the same pages
          mine.add(new Entry(key, ((long) w << 32) | (i + 1))); // tids differ per writer: entries are unique
        }
        work.add(mine);
      }
      AtomicBoolean writersDone = new AtomicBoolean();
      AtomicLong inserted = new AtomicLong();
      AtomicLong scans = new AtomicLong();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (List<Entry> mine : work) {
          writers.add(pool.submit(() -> {
            for (Entry e : mine) {
              if (System.nanoTime() > deadline) throw new AssertionError("writers too slow");
              tree.insert(e.key(), e.tid());
              inserted.incrementAndGet();
            }
            return null;
          }));
        }
        List<Future<?>> scanners = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
          boolean backward = s == 1; // one scanner walks left links while pages split under it
          scanners.add(pool.submit(() -> {
            for (int n = 0; n < 10_000 && !writersDone.get() && System.nanoTime() < deadline; n++) {
              long before = inserted.get();
              Entry last = null;
              long count = 0;
              BTreeScan scan = backward ? tree.scanBackward(null, true, null, true) : tree.scan(null, true, null, true);
              while (scan.next()) {
                Entry e = new Entry(scan.key(), scan.tid());
                int order = last == null ? -1 : Entry.ORDER.compare(last, e);
                if (backward ? order <= 0 && last != null : order >= 0) throw new AssertionError(last + " then " + e);
                last = e;
                count++;
              }
              if (count < before) throw new AssertionError("scan saw " + count + " entries, " + before + " were there");
              scans.incrementAndGet();
            }
            return null;
          }));
        }
        for (Future<?> w : writers) w.get(90, TimeUnit.SECONDS);
        writersDone.set(true);
        for (Future<?> s : scanners) s.get(90, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      }
      TreeSet<Entry> all = new TreeSet<>(Entry.ORDER);
      for (List<Entry> mine : work) all.addAll(mine);
      assertEquals(List.copyOf(all), BTreeFixture.drain(tree.scan(null, true, null, true)));
      BTreeChecker.Result r = BTreeChecker.check(tree);
      assertEquals(all.size(), r.entries());
      assertEquals(0, r.incompleteSplits());
      assertTrue(r.levels() >= 3, r.toString());
      assertTrue(scans.get() > 0);
      // Lookups by prefix see every entry of their key.
      Entry some = work.get(2).get(777);
      assertTrue(BTreeFixture.drain(tree.scanPrefix(some.key())).stream().anyMatch(e -> Arrays.equals(e.key(), some.key())));
    }
  }
}
