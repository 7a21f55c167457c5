package org.minidb.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.KeyCodec;
import org.minidb.common.types.PgType;

/**
 * Unique inserts: every entry with the key is shown to the check, across pages; a conflict or a transaction to
 * wait for inserts nothing; and concurrent inserters of the same keys never both succeed.
 */
class BTreeUniqueTest {
  @TempDir Path dir;

  private static final KeyCodec CODEC = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.INT8)));

  private static byte[] key(long v) { return CODEC.encode(new Object[] {v}); }

  @Test
  void theCheckSeesEveryEntryOfTheKeyAndDecides() {
    try (BTreeFixture f = new BTreeFixture(dir, 32)) {
      BTree tree = f.create(40000);
      for (long v = 0; v < 3000; v++) tree.insert(key(v), v + 1);
      // 3000 dead versions of key 1500 (many pages), then its neighbours.
      for (long t = 0; t < 3000; t++) tree.insert(key(1500), 100_000 + t);
      List<Long> seen = new ArrayList<>();
      long r = tree.insertUnique(key(1500), 7, tid -> {
        seen.add(tid);
        return BTree.NO_CONFLICT; // all dead
      });
      assertEquals(BTree.NO_CONFLICT, r);
      assertEquals(3001, seen.size(), "every entry of the key, on every page of its run");
      assertEquals(3002, BTreeFixture.drain(tree.scanPrefix(key(1500))).size());

      assertEquals(BTree.CONFLICT, tree.insertUnique(key(1500), 8, tid -> tid == 100_000 + 2999 ? BTree.CONFLICT : BTree.NO_CONFLICT));
      assertEquals(4242, tree.insertUnique(key(1500), 8, tid -> tid == 7 ? 4242 : BTree.NO_CONFLICT));
      assertEquals(3002, BTreeFixture.drain(tree.scanPrefix(key(1500))).size(), "nothing inserted");
      // A new key: nothing to check.
      assertEquals(BTree.NO_CONFLICT, tree.insertUnique(key(99_999), 1, tid -> BTree.CONFLICT));
      assertEquals(6002, BTreeChecker.check(tree).entries());
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }

  @org.junit.jupiter.api.RepeatedTest(3)
  void concurrentInsertersOfTheSameKeysNeverBothSucceed() throws Exception {
    try (BTreeFixture f = new BTreeFixture(dir, 48)) {
      BTree tree = f.create(40001);
      int keys = 3000;
      int threads = 4;
      AtomicLong inserted = new AtomicLong();
      AtomicLong conflicts = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            List<Long> order = new ArrayList<>();
            for (long v = 0; v < keys; v++) order.add(v);
            Collections.shuffle(order, new Random(thread));
            for (long v : order) {
              long tid = (v << 8) | (thread + 1); // distinct per thread
              // Every entry there is a live row: any existing entry is a conflict.
              long r = tree.insertUnique(key(v), tid, existing -> BTree.CONFLICT);
              if (r == BTree.NO_CONFLICT) inserted.incrementAndGet();
              else if (r == BTree.CONFLICT) conflicts.incrementAndGet();
              else throw new AssertionError("unexpected " + r);
            }
            return null;
          }));
        }
        for (Future<?> fu : futures) fu.get(120, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      }
      assertEquals(keys, inserted.get());
      assertEquals((long) keys * (threads - 1), conflicts.get());
      for (long v = 0; v < keys; v += 97) assertEquals(1, BTreeFixture.drain(tree.scanPrefix(key(v))).size());
      assertEquals(keys, BTreeChecker.check(tree).entries());
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }
}
