package org.minidb.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.KeyCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.types.PgType;
import org.minidb.storage.btree.BTreeFixture.Entry;

/**
 * The tree against a TreeSet model: random inserts and deletes with small and big keys (many levels), range
 * and prefix scans, duplicates of one key, the bottom-up build against incremental inserts, and the checker.
 */
class BTreeTest {
  @TempDir Path dir;

  @Test
  void randomInsertsAndDeletesMatchTheModel() {
    try (BTreeFixture f = new BTreeFixture(dir, 64)) { // a small pool: pages are evicted and read back
      BTree tree = f.create(20000);
      Random rnd = new Random(1);
      TreeSet<Entry> model = new TreeSet<>(Entry.ORDER);
      List<Entry> live = new ArrayList<>();
      for (int op = 0; op < 120_000; op++) { // about 100,000 inserts, 15,000 deletes
        int dice = rnd.nextInt(20);
        if (dice < 17 || live.isEmpty()) {
          Entry e = new Entry(randomKey(rnd), 1 + rnd.nextLong(1L << 40));
          if (!model.add(e)) continue;
          live.add(e);
          tree.insert(e.key(), e.tid());
        } else if (dice < 19) {
          int at = rnd.nextInt(live.size());
          Entry e = live.get(at);
          live.set(at, live.getLast());
          live.removeLast();
          model.remove(e);
          assertTrue(tree.delete(e.key(), e.tid()), "delete of " + e);
        } else {
          Entry e = new Entry(randomKey(rnd), 1 + rnd.nextLong(1L << 40));
          assertFalse(model.contains(e)); // random 40-bit tids: a collision would need a repeated draw
          assertFalse(tree.delete(e.key(), e.tid()));
        }
        if (op % 30_000 == 29_999) checkScans(tree, model, rnd);
      }
      assertEquals(List.copyOf(model), BTreeFixture.drain(tree.scan(null, true, null, true)));
      BTreeChecker.Result r = BTreeChecker.check(tree);
      assertEquals(model.size(), r.entries());
      assertTrue(r.levels() >= 3, "levels: " + r);
      assertEquals(0, r.incompleteSplits());
      assertEquals(0, r.leakedPages());
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }

  /** Mostly short keys, a few up to the size limit, and many sharing prefixes (to exercise prefix bounds). */
  private static byte[] randomKey(Random rnd) {
    int len = rnd.nextInt(50) == 0 ? 500 + rnd.nextInt(BTreePage.MAX_LEAF_TUPLE - 506) : rnd.nextInt(12);
    byte[] k = new byte[len];
    for (int i = 0; i < len; i++) k[i] = (byte) (i < 3 ? rnd.nextInt(4) : rnd.nextInt(256));
    return k;
  }

  private static void checkScans(BTree tree, TreeSet<Entry> model, Random rnd) {
    for (int s = 0; s < 20; s++) {
      byte[] lo = rnd.nextInt(5) == 0 ? null : randomKey(rnd);
      byte[] hi = rnd.nextInt(5) == 0 ? null : randomKey(rnd);
      if (lo != null && lo.length > 4) lo = java.util.Arrays.copyOf(lo, 4);
      if (hi != null && hi.length > 4) hi = java.util.Arrays.copyOf(hi, 4);
      boolean loInc = rnd.nextBoolean();
      boolean hiInc = rnd.nextBoolean();
      List<Entry> expected = new ArrayList<>();
      for (Entry e : model) {
        if (lo != null) {
          int c = BTreeFixture.comparePrefix(e.key(), lo);
          if (c < 0 || (c == 0 && !loInc)) continue;
        }
        if (hi != null) {
          int c = BTreeFixture.comparePrefix(e.key(), hi);
          if (c > 0 || (c == 0 && !hiInc)) break;
        }
        expected.add(e);
      }
      assertEquals(expected, BTreeFixture.drain(tree.scan(lo, loInc, hi, hiInc)));
      // Backward (Index Scan Backward): the same entries, last first, through left links.
      List<Entry> reversed = new ArrayList<>(expected);
      java.util.Collections.reverse(reversed);
      assertEquals(reversed, BTreeFixture.drain(tree.scanBackward(lo, loInc, hi, hiInc)));
    }
  }

  @Test
  void duplicatesOfOneKeyAreOrderedByTid() {
    try (BTreeFixture f = new BTreeFixture(dir, 32)) {
      BTree tree = f.create(20001);
      KeyCodec codec = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.TEXT)));
      byte[] dup = codec.encode(new Object[] {"same"});
      byte[] before = codec.encode(new Object[] {"samd"});
      byte[] after = codec.encode(new Object[] {"samf"});
      tree.insert(before, 7);
      tree.insert(after, 7);
      List<Long> tids = new ArrayList<>();
      Random rnd = new Random(3);
      for (int i = 0; i < 5000; i++) tids.add((long) i * 70_001 + 1);
      java.util.Collections.shuffle(tids, rnd);
      for (long tid : tids) tree.insert(dup, tid);
      List<Entry> found = BTreeFixture.drain(tree.scanPrefix(dup));
      assertEquals(5000, found.size());
      for (int i = 0; i < found.size(); i++) assertEquals((long) i * 70_001 + 1, found.get(i).tid());
      for (int i = 0; i < 5000; i += 2) assertTrue(tree.delete(dup, (long) i * 70_001 + 1));
      assertFalse(tree.delete(dup, 2));
      assertEquals(2500, BTreeFixture.drain(tree.scanPrefix(dup)).size());
      assertEquals(2502, BTreeChecker.check(tree).entries());
      // An exact duplicate is a caller's bug; an oversized entry is the user's, with PostgreSQL's error.
      assertThrows(DbException.class, () -> tree.insert(dup, 70_002));
      DbException big = assertThrows(DbException.class, () -> tree.insert(new byte[3000], 1));
      assertEquals("54000", big.sqlState());
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }

  @Test
  void bottomUpBuildEqualsIncrementalInserts() {
    try (BTreeFixture f = new BTreeFixture(dir, 64)) {
      Random rnd = new Random(5);
      KeyCodec codec = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.INT8), KeyCodec.Column.desc(PgType.TEXT)));
      TreeSet<Entry> entries = new TreeSet<>(Entry.ORDER);
      while (entries.size() < 50_000) {
        String s = rnd.nextInt(100) == 0 ? "x".repeat(rnd.nextInt(1500)) : Integer.toString(rnd.nextInt(1000));
        Object[] values = {(long) rnd.nextInt(20_000), rnd.nextInt(30) == 0 ? null : s};
        entries.add(new Entry(codec.encode(values), 1 + rnd.nextInt(1 << 30)));
      }
      BTreeBuild build = BTreeBuild.begin(f.pool, f.newFile(20002), "built");
      for (Entry e : entries) build.add(e.key(), e.tid());
      BTree built = build.finish();
      BTree incremental = f.create(20003);
      List<Entry> shuffled = new ArrayList<>(entries);
      java.util.Collections.shuffle(shuffled, rnd);
      for (Entry e : shuffled) incremental.insert(e.key(), e.tid());

      List<Entry> expected = List.copyOf(entries);
      assertEquals(expected, BTreeFixture.drain(built.scan(null, true, null, true)));
      assertEquals(expected, BTreeFixture.drain(incremental.scan(null, true, null, true)));
      BTreeChecker.Result b = BTreeChecker.check(built);
      BTreeChecker.Result i = BTreeChecker.check(incremental);
      assertEquals(entries.size(), b.entries());
      assertEquals(entries.size(), i.entries());
      assertEquals(0, b.leakedPages());
      // Packed leaves: ~90% full, where random inserts leave pages ~70% full after splits.
      assertTrue(b.pagesPerLevel().getFirst() < i.pagesPerLevel().getFirst(), b + " vs " + i);

      // The built tree takes inserts and deletes like any other.
      byte[] k = codec.encode(new Object[] {5L, "new"});
      built.insert(k, 1);
      assertTrue(built.delete(expected.get(100).key(), expected.get(100).tid()));
      assertEquals(List.of(new Entry(k, 1)), BTreeFixture.drain(built.scanPrefix(k)));
      assertEquals(entries.size(), BTreeChecker.check(built).entries());

      // An empty build is an empty root leaf.
      BTree empty = BTreeBuild.begin(f.pool, f.newFile(20004), "empty").finish();
      assertFalse(empty.scan(null, true, null, true).next());
      empty.insert(k, 9);
      assertEquals(1, BTreeChecker.check(empty).entries());
      assertEquals(0, f.pool.pinnedBuffers());
    }
  }

  @Test
  void ascendingInsertsFillPagesToTheFillFactor() {
    try (BTreeFixture f = new BTreeFixture(dir, 32)) {
      BTree tree = f.create(20005);
      KeyCodec codec = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.INT4)));
      for (int i = 0; i < 20_000; i++) tree.insert(codec.encode(new Object[] {i}), i + 1);
      BTreeChecker.Result r = BTreeChecker.check(tree);
      // A leaf entry takes 16 bytes (6 tid + 9 key, aligned) + 4 of line pointer: ~407 fit in 90% of a page.
      int leaves = r.pagesPerLevel().getFirst();
      assertTrue(leaves <= 20_000 / 360 + 1, "leaves: " + leaves);
      List<Entry> mid = BTreeFixture.drain(tree.scan(codec.encode(new Object[] {100}), false,
          codec.encode(new Object[] {105}), true));
      assertEquals(List.of(102L, 103L, 104L, 105L, 106L), mid.stream().map(Entry::tid).toList());
    }
  }
}
