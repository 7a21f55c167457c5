package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.ControlFile;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.wal.Lsn;
import org.minidb.storage.wal.WalReader;
import org.minidb.storage.wal.WalSegments;

/**
 * A process that halts after committing work that only the WAL holds: recovery brings back every committed
 * row and none of the running transaction's, repairs a torn data page from its full-page image, ignores a
 * garbage WAL tail, and can run again over its own result (idempotent replay).
 */
class WalCrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void committedWorkSurvivesAHaltTornPageAndGarbageWalTail() throws Exception {
    Path data = dir.resolve("data");
    String out = ChildJvm.run(WalCrashChild.class, data);
    assertEquals(ControlFile.IN_PRODUCTION, ControlFile.read(data).state(), "not shut down cleanly");
    long relfilenode = ChildJvm.value(out, "RELFILENODE");
    Path table = data.resolve("base/5/" + relfilenode);

    // Torn page: the second half of block 0 (on disk since the checkpoint) becomes garbage.
    byte[] junk = new byte[4096];
    new java.util.Random(1).nextBytes(junk);
    try (FileChannel ch = FileChannel.open(table, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(junk), 4096);
    }
    // Garbage WAL tail: random bytes right after the last valid record.
    ControlFile before = ControlFile.read(data);
    long end;
    try (WalSegments segs = new WalSegments(data, false)) {
      WalReader r = new WalReader(segs, before.redoLsn());
      for (int n = 0; r.next() != null && n < 1_000_000; n++) {
        // read to the end
      }
      end = r.position();
    }
    try (FileChannel ch = FileChannel.open(data.resolve("pg_wal").resolve(Lsn.fileName(Lsn.segment(end))),
        StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(junk), Lsn.offsetInSegment(end));
    }
    Path savedControl = dir.resolve("pg_control.crashed");
    Files.copy(ControlFile.path(data), savedControl);

    List<String> expected = new ArrayList<>();
    expected.add("1:updated");
    for (int i = 3; i <= 50; i++) expected.add(i + ":base");
    for (int k = 0; k < 20; k++) for (int i = 0; i < 5; i++) expected.add((100 + k * 5 + i) + ":c" + k);
    expected.sort(null);

    assertEquals(expected, rowsAfterOpen(data));
    assertEquals(ControlFile.SHUT_DOWN, ControlFile.read(data).state());
    assertEquals(expected, rowsAfterOpen(data), "a clean restart");

    // Recovery again from the crashed redo point, over pages recovery already wrote: same result.
    Files.copy(savedControl, ControlFile.path(data), StandardCopyOption.REPLACE_EXISTING);
    assertEquals(expected, rowsAfterOpen(data), "replay is idempotent");
  }

  private static List<String> rowsAfterOpen(Path data) {
    try (PagedStorageEngine e = PagedStorageEngine.open(new StorageConfig(data, 16 * 8192, null, false))) {
      Transaction r = e.transactions().begin();
      TableDef t = e.catalog().table(r, "public", "t").orElseThrow();
      List<String> rows = new ArrayList<>(PagedStorageEngineTest.rows(e, t, r));
      rows.sort(null);
      // The database is writable after recovery, and its xids do not collide with recovered ones.
      r.nextCommand();
      PagedStorageEngineTest.insert(e, t, r, 7777, "scratch");
      e.transactions().abort(r);
      return rows;
    }
  }
}
