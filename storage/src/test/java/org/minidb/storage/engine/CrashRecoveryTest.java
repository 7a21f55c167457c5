package org.minidb.storage.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.ControlFile;
import org.minidb.storage.tx.Transaction;

/** A server process that dies without closing storage: what it had committed is there, the rest is not. */
class CrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void transactionsRunningAtACrashAreAborted() throws Exception {
    Path data = dir.resolve("data");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), data.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
    assertTrue(out.contains("READY"), out);
    assertEquals(ControlFile.IN_PRODUCTION, ControlFile.read(data).state(), "not shut down cleanly");

    try (PagedStorageEngine e = PagedStorageEngine.open(new StorageConfig(data, 16 * 8192, null, false))) {
      Transaction r = e.transactions().begin();
      TableDef t = e.catalog().table(r, "public", "t").orElseThrow();
      List<String> rows = PagedStorageEngineTest.rows(e, t, r);
      assertEquals(103, rows.size(), "1..100, then 201, 202 and 204 (203 was rolled back to a savepoint)");
      assertTrue(rows.stream().allMatch(s -> s.endsWith(":committed")), rows.toString());
      assertTrue(e.catalog().table(r, "public", "ghost").isEmpty());
      // The crashed deleter is aborted, not "in progress": the rows can be deleted now (no 40001).
      r.nextCommand();
      long deleted = 0;
      try (var scan = e.heap(t).scan(r.snapshot())) {
        while (scan.next()) if (e.heap(t).delete(r, scan.tid()).ok()) deleted++;
      }
      assertEquals(103, deleted);
      r.nextCommand();
      assertEquals(List.of(), PagedStorageEngineTest.rows(e, t, r));
      // New transactions work, and their xids are above the crashed ones.
      PagedStorageEngineTest.insert(e, t, r, 7, "after");
      r.nextCommand();
      assertEquals(List.of("7:after"), PagedStorageEngineTest.rows(e, t, r));
      e.transactions().commit(r);
    }
  }
}
