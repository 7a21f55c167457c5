package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.minidb.storage.wal.Lsn;
import org.minidb.storage.wal.WalSegmentDump;

/** pg_current_wal_lsn(), pg_walfile_name() and the waldump output over a running server's WAL. */
class WalFunctionsTest {
  private static String one(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static long parse(String lsn) {
    String[] p = lsn.split("/");
    return Long.parseLong(p[0], 16) << 32 | Long.parseLong(p[1], 16);
  }

  @Test
  void walPositionFunctionsAndWaldump() throws Exception {
    try (TestServer server = TestServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
      String before = one(s, "SELECT pg_current_wal_lsn()");
      assertTrue(before.matches("[0-9A-F]+/[0-9A-F]+"), before);
      s.execute("CREATE TABLE walt (x int)");
      s.execute("INSERT INTO walt VALUES (1), (2)");
      String after = one(s, "SELECT pg_current_wal_lsn()");
      assertTrue(parse(after) > parse(before), before + " -> " + after);
      assertEquals("000000010000000000000000", one(s, "SELECT pg_walfile_name('0/1000000')"));
      assertEquals("000000010000000000000001", one(s, "SELECT pg_walfile_name('0/16B3748')"));
      assertEquals("000000010000000100000000", one(s, "SELECT pg_walfile_name('1/1')"));
      String segment = one(s, "SELECT pg_walfile_name(pg_current_wal_lsn())");
      assertEquals(Lsn.fileName(Lsn.segment(parse(after) - 1)), segment);

      Path file = server.dataDirectory().resolve("pg_wal").resolve(segment);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int records = WalSegmentDump.dump(file, new PrintStream(out, true, StandardCharsets.UTF_8));
      String text = out.toString(StandardCharsets.UTF_8);
      assertTrue(records > 0, text);
      assertTrue(text.contains("rmgr: Heap/INSERT"), text);
      assertTrue(text.contains("rmgr: Transaction/COMMIT"), text);
      assertTrue(text.contains("rmgr: Storage/CREATE"), text);
    }
  }
}
