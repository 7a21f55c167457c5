package org.minidb.storage.btree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.shmem.SharedMemory;

/** Files and a small buffer pool (no WAL) over a temp directory, for B-tree tests. */
final class BTreeFixture implements AutoCloseable {
  final FileManager files;
  final SharedMemory shm;
  final BufferPool pool;

  /** An entry of the model the tests compare the tree with. */
  record Entry(byte[] key, long tid) {
    static final Comparator<Entry> ORDER = (a, b) -> {
      int c = Arrays.compareUnsigned(a.key, b.key);
      return c != 0 ? c : Long.compareUnsigned(a.tid, b.tid);
    };

    @Override
    public boolean equals(Object o) { return o instanceof Entry e && ORDER.compare(this, e) == 0; }

    @Override
    public int hashCode() { return Arrays.hashCode(key) * 31 + Long.hashCode(tid); }

    @Override
    public String toString() { return Arrays.toString(key) + "@" + tid; }
  }

  BTreeFixture(Path dir, int frames) {
    files = new FileManager(dir, false);
    shm = SharedMemory.allocate(SharedMemory.sizeFor(BufferPool.sharedSizes(frames)));
    pool = new BufferPool(shm, frames, files);
  }

  RelFileLocator newFile(long relNumber) {
    RelFileLocator loc = new RelFileLocator(5, relNumber);
    files.create(loc);
    return loc;
  }

  BTree create(long relNumber) { return BTree.create(pool, newFile(relNumber), "idx" + relNumber); }

  /** Every entry of a scan, in scan order. */
  static List<Entry> drain(BTreeScan scan) {
    List<Entry> out = new ArrayList<>();
    while (scan.next()) out.add(new Entry(scan.key(), scan.tid()));
    return out;
  }

  /** The prefix comparison scans use: 0 when {@code key} starts with {@code bound}. */
  static int comparePrefix(byte[] key, byte[] bound) {
    int m = Arrays.mismatch(key, bound);
    if (m == -1 || m == bound.length) return 0;
    if (m == key.length) return -1;
    return Byte.toUnsignedInt(key[m]) - Byte.toUnsignedInt(bound[m]);
  }

  /** Copies a directory tree (a data directory of a running engine, when nothing writes: a crash image). */
  static void copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(p, target);
        }
      }
    }
  }

  @Override
  public void close() {
    // Nothing to keep (no WAL, a temp directory): no flush, which would wait forever on a latch a failed
    // test left held, hiding the failure.
    shm.close();
    files.close();
  }
}
