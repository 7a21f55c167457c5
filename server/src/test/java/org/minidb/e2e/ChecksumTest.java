package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checksums end to end (issue 5): a bit flipped in a data file of a table that is not in the buffer pool is
 * reported as ERROR XX001 {@code invalid page in block N of relation ...} to the statement that reads it; the
 * server stays up and other tables stay readable.
 */
class ChecksumTest {

  private static Process start(Path data, Path log) throws IOException {
    return ChildServer.start(data, log, "256m", "8MB");
  }

  private static Connection connect(int port) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
  }

  private static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void aFlippedBitIsXx001ForThatTableOnly(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    long relfilenode;
    Process server = start(data, log);
    try {
      int port = ChildServer.awaitReady(server, log);
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id int, payload text)");
        s.execute("CREATE TABLE other (id int)");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 50; i++) rows.append(i == 1 ? "" : ", ").append("(" + i + ", 'payload " + i + "')");
        s.execute("INSERT INTO t VALUES " + rows);
        s.execute("INSERT INTO other VALUES (1), (2), (3)");
        try (ResultSet rs = s.executeQuery("SELECT relfilenode FROM pg_class WHERE relname = 't'")) {
          assertTrue(rs.next());
          relfilenode = rs.getLong(1);
        }
      }
      server.destroy(); // SIGTERM: a clean shutdown writes every page and ends with a checkpoint
      assertTrue(server.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, server.exitValue(), Files.readString(log));
    } finally {
      server.destroyForcibly();
    }

    Path file = data.resolve("base/5/" + relfilenode);
    assertTrue(Files.size(file) >= 8192, "heap file of t: " + file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(8000); // inside block 0, among the tuples (they fill the page from its end)
      int b = f.read();
      f.seek(8000);
      f.write(b ^ 0x10);
    }

    Files.writeString(log, "");
    server = start(data, log);
    try {
      int port = ChildServer.awaitReady(server, log);
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        for (int attempt = 0; attempt < 2; attempt++) { // reported every time, never cached as valid
          SQLException e = assertThrows(SQLException.class, () -> count(s, "t"));
          assertEquals("XX001", e.getSQLState(), e.getMessage());
          assertTrue(e.getMessage().contains("invalid page in block 0 of relation base/5/" + relfilenode),
              e.getMessage());
        }
        assertEquals(3, count(s, "other"));
      }
      try (Connection c = connect(port); Statement s = c.createStatement()) {
        assertEquals(3, count(s, "other"));
      }
      assertTrue(server.isAlive());
    } finally {
      server.destroyForcibly();
      server.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
