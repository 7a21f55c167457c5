package org.minidb.storage.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.wal.Lsn;

/**
 * Run in a child JVM by {@link WalRecyclingTest}: writes more than three WAL segments with a CHECKPOINT every
 * few MiB (max_wal_size = 48MB, min_wal_size = 32MB), so old segments are recycled under future names, then
 * goes on past the last checkpoint into a recycled file and halts. Prints the most segment files pg_wal held
 * after any checkpoint, whether a recycled file (one beyond the insert position) was seen, and the rows
 * committed.
 */
public final class WalRecyclingCrashChild {
  static final long MAX_WAL = 48L << 20, MIN_WAL = 32L << 20;
  static final String PAYLOAD = "x".repeat(3500);

  static StorageConfig config(Path data) {
    return new StorageConfig(data, 256 * 8192, null, false, 0, MAX_WAL, MIN_WAL, 200, 1L << 20);
  }

  static long segmentFiles(Path data) throws IOException {
    try (Stream<Path> s = Files.list(data.resolve("pg_wal"))) {
      return s.filter(p -> Lsn.parseFileName(p.getFileName().toString()) >= 0).count();
    }
  }

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    PagedStorageEngine e = PagedStorageEngine.open(config(data));
    Transaction tx = e.transactions().begin();
    TableDef t = e.catalog().createTable(tx, "public", "t", PagedStorageEngineTest.columns(), List.of());
    e.transactions().commit(tx);
    long start = e.wal().insertPosition();
    long lastCheckpointAt = start;
    long mostFiles = 0;
    boolean recycledSeen = false;
    int rows = 0;
    // Bounded: 3 segments of WAL at ~3.6 kB a row is ~14,000 rows; stop at 200,000 whatever happens.
    while (rows < 200_000 && e.wal().insertPosition() - start < 3L * Lsn.SEGMENT_SIZE + (1 << 20)) {
      Transaction c = e.transactions().begin();
      c.nextCommand();
      for (int i = 0; i < 10; i++) PagedStorageEngineTest.insert(e, t, c, ++rows, PAYLOAD);
      e.transactions().commit(c);
      if (e.wal().insertPosition() - lastCheckpointAt > 4L << 20) {
        e.checkpoint();
        lastCheckpointAt = e.wal().insertPosition();
        mostFiles = Math.max(mostFiles, segmentFiles(data));
        long current = Lsn.segment(e.wal().insertPosition());
        try (Stream<Path> s = Files.list(data.resolve("pg_wal"))) {
          recycledSeen |= s.anyMatch(p -> Lsn.parseFileName(p.getFileName().toString()) > current);
        }
      }
    }
    // Past the last checkpoint, across at least one segment boundary (into a recycled file), then a crash.
    long crossFrom = Lsn.segment(e.wal().insertPosition());
    while (rows < 300_000 && Lsn.segment(e.wal().insertPosition()) <= crossFrom) {
      Transaction c = e.transactions().begin();
      c.nextCommand();
      for (int i = 0; i < 10; i++) PagedStorageEngineTest.insert(e, t, c, ++rows, PAYLOAD);
      e.transactions().commit(c);
    }
    System.out.println("MOST_FILES " + mostFiles);
    System.out.println("RECYCLED_SEEN " + recycledSeen);
    System.out.println("ADDED " + e.wal().segmentsAdded());
    System.out.println("SPANNED " + (Lsn.segment(e.wal().insertPosition()) - Lsn.segment(start) + 1));
    System.out.println("ROWS " + rows);
    System.out.println("READY");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
