package org.minidb.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.btree.BTreeFixture.Entry;
import org.minidb.storage.engine.PagedStorageEngine;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.tx.ControlFile;
import org.minidb.storage.wal.Lsn;
import org.minidb.storage.wal.ResourceManagers;
import org.minidb.storage.wal.WalReader;
import org.minidb.storage.wal.WalRecord;
import org.minidb.storage.wal.WalSegmentDump;
import org.minidb.storage.wal.WalSegments;

/**
 * Crashes in the middle of a series of splits, at many WAL positions. After a checkpoint, entries with large
 * keys are inserted (leaf, internal and root splits), the WAL is flushed, and the data directory is copied
 * while no page has been written since the checkpoint: that copy is exactly what a crash leaves on disk.
 * Then for each chosen record boundary p (most of them inside splits), a data directory made of the copy with
 * the WAL cut at p is recovered: the checker must pass, every entry whose insert ended at or before p must be
 * found and none whose insert began at or after p; then inserts that visit every page finish the incomplete
 * splits the cut left, and the checker passes again with none left. A second test halts a real child process
 * in the middle of inserts, after pages were evicted (as the existing storage crash tests do).
 */
class BTreeCrashRecoveryTest {
  @TempDir Path dir;

  private static final long REL = 90_000;
  private static final int CUTS = 24;

  @Test
  void everyCutOfTheWalRecoversToAValidTree() throws IOException {
    Path data = dir.resolve("data");
    Path image = dir.resolve("image");
    RelFileLocator rel = new RelFileLocator(5, REL);
    Random rnd = new Random(11);
    Set<Entry> base = new HashSet<>();
    List<Entry> later = new ArrayList<>();
    List<long[]> laterLsns = new ArrayList<>(); // {before, after} each insert
    long walEnd;
    try (PagedStorageEngine e = PagedStorageEngine.open(config(data))) {
      e.createRelationFile(REL);
      BTree tree = BTree.create(e.bufferPool(), rel, "crash_idx");
      for (int i = 0; i < 500; i++) {
        Entry en = new Entry(key(rnd, 8), i + 1);
        if (base.add(en)) tree.insert(en.key(), en.tid());
      }
      e.flush(); // a checkpoint: all of the above is on disk; what follows is only in the WAL
      long writes = e.bufferPool().writes();
      for (int i = 0; i < 1500; i++) {
        Entry en = new Entry(key(rnd, 300 + rnd.nextInt(600)), 1_000_000 + i);
        long before = e.wal().insertPosition();
        tree.insert(en.key(), en.tid());
        later.add(en);
        laterLsns.add(new long[] {before, e.wal().insertPosition()});
      }
      walEnd = e.wal().insertPosition();
      e.wal().flush(walEnd);
      assertEquals(writes, e.bufferPool().writes(), "no page was written since the checkpoint");
      assertTrue(BTreeChecker.check(tree).levels() >= 3);
      BTreeFixture.copyTree(data, image); // the crash image: data files as of the checkpoint, the whole WAL
    }

    // waldump names the B-tree records and their pages.
    java.io.ByteArrayOutputStream dump = new java.io.ByteArrayOutputStream();
    try (Stream<Path> segs = Files.list(image.resolve("pg_wal"))) {
      for (Path seg : segs.sorted().toList()) WalSegmentDump.dump(seg, new java.io.PrintStream(dump, true));
    }
    assertTrue(dump.toString().contains("rmgr: Btree/SPLIT_LEFT, desc: rel 5/" + REL + " blk "), "waldump");
    assertTrue(dump.toString().contains("rmgr: Btree/NEWROOT"), "waldump");

    List<Long> cuts = cutPoints(image, walEnd);
    int withIncompleteSplits = 0;
    for (int c = 0; c < cuts.size(); c++) {
      long cut = cuts.get(c);
      Path d = dir.resolve("cut" + c);
      copyWithWalCut(image, d, cut);
      try (PagedStorageEngine e = PagedStorageEngine.open(config(d))) {
        BTree tree = BTree.open(e.bufferPool(), rel, "crash_idx");
        BTreeChecker.Result r = BTreeChecker.check(tree);
        Set<Entry> found = new HashSet<>(BTreeFixture.drain(tree.scan(null, true, null, true)));
        assertEquals(r.entries(), found.size());
        assertTrue(found.containsAll(base), "cut " + Lsn.format(cut));
        for (int i = 0; i < later.size(); i++) {
          if (laterLsns.get(i)[1] <= cut) assertTrue(found.contains(later.get(i)), "entry " + i + " lost at cut " + Lsn.format(cut));
          if (laterLsns.get(i)[0] >= cut) assertFalse(found.contains(later.get(i)), "entry " + i + " present at cut " + Lsn.format(cut));
        }
        if (r.incompleteSplits() > 0) withIncompleteSplits++;
        // One more entry next to each entry there is: every page is visited, so every split gets finished.
        TreeSet<Entry> expected = new TreeSet<>(Entry.ORDER);
        expected.addAll(found);
        for (Entry en : found) {
          tree.insert(en.key(), en.tid() + 500_000_000L);
          expected.add(new Entry(en.key(), en.tid() + 500_000_000L));
        }
        BTreeChecker.Result after = BTreeChecker.check(tree);
        assertEquals(0, after.incompleteSplits(), "cut " + Lsn.format(cut) + ": " + after);
        assertEquals(List.copyOf(expected), BTreeFixture.drain(tree.scan(null, true, null, true)));
      }
    }
    assertTrue(withIncompleteSplits >= CUTS / 3, withIncompleteSplits + " of " + cuts.size() + " cuts left an incomplete split");
  }

  /**
   * A real crash: a child process halts while inserting and splitting, with a pool so small that pages were
   * evicted and written since the checkpoint. Every entry the child reported durable is found, no other one
   * than those it inserted, the checker passes, and more inserts finish whatever split was cut short.
   */
  @Test
  void haltDuringSplitsWithEvictedPages() throws Exception {
    Path data = dir.resolve("halted");
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(List.of(javaCommand, "-cp", System.getProperty("java.class.path"),
        BTreeCrashChild.class.getName(), data.toString())).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
    assertFalse(out.contains("NOT HALTED"), out);
    List<String> flushed = out.lines().filter(l -> l.startsWith("FLUSHED ")).toList();
    assertFalse(flushed.isEmpty(), out);
    String[] last = flushed.getLast().split(" ");
    int durable = Integer.parseInt(last[1]);
    assertTrue(Long.parseLong(last[3]) > 0, "pages were written before the crash: " + out);

    List<Entry> entries = BTreeCrashChild.entries();
    try (PagedStorageEngine e = PagedStorageEngine.open(BTreeCrashChild.config(data))) {
      BTree tree = e.index(BTreeCrashChild.REL, "halt_idx");
      BTreeChecker.Result r = BTreeChecker.check(tree);
      Set<Entry> found = new HashSet<>(BTreeFixture.drain(tree.scan(null, true, null, true)));
      assertEquals(r.entries(), found.size());
      assertTrue(found.containsAll(entries.subList(0, durable)), "an entry reported durable is lost");
      assertTrue(entries.containsAll(found));
      for (Entry en : entries) {
        if (!found.contains(en)) tree.insert(en.key(), en.tid());
      }
      // One more entry next to each: every leaf is visited, so a split the halt cut short gets finished even when
      // the halt came after the last insert and few entries were missing.
      for (Entry en : entries) tree.insert(en.key(), en.tid() + 500_000_000L);
      BTreeChecker.Result after = BTreeChecker.check(tree);
      assertEquals(2 * entries.size(), after.entries());
      assertEquals(0, after.incompleteSplits());
    }
  }

  private static StorageConfig config(Path data) {
    // A pool larger than the index (no evictions), no background checkpointer.
    return new StorageConfig(data, 2048L * 8192, null, false, 0, StorageConfig.DEFAULT_MAX_WAL_SIZE_BYTES);
  }

  private static byte[] key(Random rnd, int len) {
    byte[] k = new byte[len];
    rnd.nextBytes(k);
    return k;
  }

  /**
   * Record ends inside splits: after the right page, after the left page, after the left link, after a new
   * root and after the metapage (each a state where a later record of the same split is missing), spread over
   * the whole series, plus the end of the WAL.
   */
  private static List<Long> cutPoints(Path image, long walEnd) {
    List<Long> inSplit = new ArrayList<>();
    List<Long> rootSplit = new ArrayList<>();
    try (WalSegments segs = new WalSegments(image, false)) {
      WalReader reader = new WalReader(segs, ControlFile.read(image).redoLsn());
      WalRecord r;
      for (int n = 0; (r = reader.next()) != null && n < 1_000_000; n++) {
        if (r.rmgr() != ResourceManagers.BTREE) continue;
        int type = r.info() & 0xf0;
        if (type == ResourceManagers.BTREE_NEWROOT || type == ResourceManagers.BTREE_META) rootSplit.add(r.end());
        if (type == ResourceManagers.BTREE_SPLIT_RIGHT || type == ResourceManagers.BTREE_SPLIT_LEFT
            || type == ResourceManagers.BTREE_SPLIT_LINK) {
          inSplit.add(r.end());
        }
      }
    }
    assertFalse(rootSplit.isEmpty(), "the root split after the checkpoint");
    TreeSet<Long> cuts = new TreeSet<>(rootSplit);
    for (int i = 0; i < CUTS - rootSplit.size() - 1; i++) cuts.add(inSplit.get((int) ((long) i * inSplit.size() / CUTS)));
    cuts.add(walEnd);
    return List.copyOf(cuts);
  }

  /** The image with the WAL ending at {@code cut}: later segments left out, the rest of the cut one zero. */
  private static void copyWithWalCut(Path image, Path to, long cut) throws IOException {
    try (Stream<Path> files = Files.walk(image)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(image.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getParent().getFileName().toString().equals("pg_wal")) {
          Files.copy(p, target);
        } else {
          long segno = Lsn.parseFileName(p.getFileName().toString());
          if (Lsn.segmentStart(segno) >= cut) continue;
          long keep = Math.min(cut - Lsn.segmentStart(segno), Lsn.SEGMENT_SIZE);
          byte[] bytes = new byte[(int) keep];
          try (RandomAccessFile in = new RandomAccessFile(p.toFile(), "r");
              RandomAccessFile out = new RandomAccessFile(target.toFile(), "rw")) {
            in.readFully(bytes);
            out.setLength(Lsn.SEGMENT_SIZE); // sparse, zeros after the cut: the end of the WAL
            out.write(bytes);
          }
        }
      }
    }
  }
}
