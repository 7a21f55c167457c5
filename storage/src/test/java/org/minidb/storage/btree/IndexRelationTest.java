package org.minidb.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.encoding.KeyCodec;
import org.minidb.common.types.PgType;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.btree.BTreeFixture.Entry;
import org.minidb.storage.engine.PagedStorageEngine;

/**
 * Index relations at the storage-engine level: a file per index, created empty or built bottom-up, opened
 * again after a clean restart and after a crash that left only the WAL (creation included), and dropped.
 */
class IndexRelationTest {
  @TempDir Path dir;

  private static final KeyCodec CODEC = new KeyCodec(List.of(KeyCodec.Column.asc(PgType.INT4), KeyCodec.Column.asc(PgType.TEXT)));

  private static StorageConfig config(Path data) {
    return new StorageConfig(data, 1024L * 8192, null, false, 0, StorageConfig.DEFAULT_MAX_WAL_SIZE_BYTES);
  }

  private static List<Entry> entries(int n, long seed) {
    Random rnd = new Random(seed);
    TreeSet<Entry> out = new TreeSet<>(Entry.ORDER);
    while (out.size() < n) {
      Object[] row = {rnd.nextInt(n), rnd.nextInt(10) == 0 ? null : "v" + rnd.nextInt(100)};
      out.add(new Entry(CODEC.encode(row), 1 + rnd.nextInt(1 << 24)));
    }
    return new ArrayList<>(out);
  }

  @Test
  void createBuildReopenAndDrop() {
    Path data = dir.resolve("data");
    List<Entry> a = entries(5000, 1);
    List<Entry> b = entries(20_000, 2);
    try (PagedStorageEngine e = PagedStorageEngine.open(config(data))) {
      BTree created = e.createIndex(91_000, "t_a_idx");
      List<Entry> shuffled = new ArrayList<>(a);
      java.util.Collections.shuffle(shuffled, new Random(3));
      for (Entry en : shuffled) created.insert(en.key(), en.tid());
      BTreeBuild build = e.buildIndex(91_001, "t_b_idx");
      for (Entry en : b) build.add(en.key(), en.tid());
      build.finish();
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config(data))) {
      BTree ia = e.index(91_000, "t_a_idx");
      BTree ib = e.index(91_001, "t_b_idx");
      assertEquals(a, BTreeFixture.drain(ia.scan(null, true, null, true)));
      assertEquals(b, BTreeFixture.drain(ib.scan(null, true, null, true)));
      assertEquals(a.size(), BTreeChecker.check(ia).entries());
      assertEquals(b.size(), BTreeChecker.check(ib).entries());
      // A lookup on the leading column: every entry of key 42 with any second column.
      byte[] k42 = CODEC.encodePrefix(new Object[] {42}, 1);
      List<Entry> expected = b.stream().filter(en -> BTreeFixture.comparePrefix(en.key(), k42) == 0).toList();
      assertEquals(expected, BTreeFixture.drain(ib.scanPrefix(k42)));
      e.dropIndex(91_000);
      assertFalse(Files.exists(data.resolve("base/5/91000")));
      assertTrue(Files.exists(data.resolve("base/5/91001")));
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config(data))) {
      assertFalse(Files.exists(data.resolve("base/5/91000")));
      assertEquals(b.size(), BTreeChecker.check(e.index(91_001, "t_b_idx")).entries());
    }
  }

  @Test
  void indexesCreatedAfterTheLastCheckpointComeBackFromTheWal() throws Exception {
    Path data = dir.resolve("data");
    Path image = dir.resolve("image");
    List<Entry> a = entries(3000, 4);
    List<Entry> b = entries(8000, 5);
    try (PagedStorageEngine e = PagedStorageEngine.open(config(data))) {
      long writes = e.bufferPool().writes();
      BTree created = e.createIndex(91_002, "crash_a");
      for (Entry en : a) created.insert(en.key(), en.tid());
      BTreeBuild build = e.buildIndex(91_003, "crash_b");
      for (Entry en : b) build.add(en.key(), en.tid());
      build.finish();
      e.wal().flush(e.wal().insertPosition());
      assertEquals(writes, e.bufferPool().writes(), "only the WAL has the indexes");
      BTreeFixture.copyTree(data, image);
    }
    try (PagedStorageEngine e = PagedStorageEngine.open(config(image))) {
      BTree ia = e.index(91_002, "crash_a");
      BTree ib = e.index(91_003, "crash_b");
      assertEquals(a, BTreeFixture.drain(ia.scan(null, true, null, true)));
      assertEquals(b, BTreeFixture.drain(ib.scan(null, true, null, true)));
      assertEquals(0, BTreeChecker.check(ia).leakedPages());
      assertEquals(b.size(), BTreeChecker.check(ib).entries());
    }
  }
}
