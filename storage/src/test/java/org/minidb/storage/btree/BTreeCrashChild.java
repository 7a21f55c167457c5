package org.minidb.storage.btree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.btree.BTreeFixture.Entry;
import org.minidb.storage.engine.PagedStorageEngine;

/**
 * Run in a child JVM by {@link BTreeCrashRecoveryTest}: with a small buffer pool (pages are evicted and
 * written while the tree grows), creates an index, checkpoints, inserts entries with large keys (splits at
 * every level), flushing the WAL after every 50 and printing how many are durable, and halts the process from
 * another thread while inserts and splits go on.
 */
public final class BTreeCrashChild {
  static final long REL = 92_000;
  static final int ENTRIES = 1500;
  static final int HALT_AFTER = 1234;

  /** The entries the child inserts, in order (the parent makes the same list). */
  static List<Entry> entries() {
    Random rnd = new Random(99);
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      byte[] key = new byte[200 + rnd.nextInt(600)];
      rnd.nextBytes(key);
      out.add(new Entry(key, i + 1));
    }
    return out;
  }

  static StorageConfig config(Path data) {
    return new StorageConfig(data, 32L * 8192, null, false, 0, StorageConfig.DEFAULT_MAX_WAL_SIZE_BYTES);
  }

  public static void main(String[] args) {
    PagedStorageEngine e = PagedStorageEngine.open(config(Path.of(args[0])));
    BTree tree = e.createIndex(REL, "halt_idx");
    e.flush();
    List<Entry> entries = entries();
    for (int i = 0; i < entries.size(); i++) {
      tree.insert(entries.get(i).key(), entries.get(i).tid());
      if (i % 50 == 49) {
        e.wal().flush(e.wal().insertPosition());
        System.out.println("FLUSHED " + (i + 1) + " WRITES " + e.bufferPool().writes());
        System.out.flush();
      }
      if (i == HALT_AFTER) new Thread(() -> Runtime.getRuntime().halt(0)).start();
    }
    // On a loaded machine the halting thread may not have run before the last insert: wait for it rather than
    // fail (the crash then comes after the inserts, which the parent's checks accept as well).
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
    System.out.println("NOT HALTED");
    Runtime.getRuntime().halt(0);
  }
}
