package org.minidb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Committed data survives a clean restart; tables many times larger than shared_buffers work. */
class PersistenceTest {
  @Test
  void committedDataAndCatalogSurviveARestart() throws Exception {
    try (TestServer server = TestServer.start()) {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (id int NOT NULL, note text DEFAULT 'd', CHECK (id > 0))");
        s.execute("INSERT INTO kept (id) VALUES (1), (2)");
        s.execute("UPDATE kept SET note = 'changed' WHERE id = 2");
        s.execute("CREATE TABLE dropped (x int)");
        s.execute("DROP TABLE dropped");
        c.setAutoCommit(false);
        s.execute("INSERT INTO kept VALUES (3, 'never committed')");
      }
      server.stop();
      server.startAgain();
      try (Connection c = server.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, note FROM kept ORDER BY id")) {
        rs.next();
        assertEquals("1 d", rs.getInt(1) + " " + rs.getString(2));
        rs.next();
        assertEquals("2 changed", rs.getInt(1) + " " + rs.getString(2));
        assertEquals(false, rs.next());
        SqlErrors.expectError(s, "SELECT * FROM dropped", "42P01");
        SqlErrors.expectError(s, "INSERT INTO kept VALUES (0)", "23514");
      }
    }
  }

  @Test
  void aTableTenTimesTheBufferPool() throws Exception {
    // 1 MB of shared buffers (128 pages) against about 12 MB of rows.
    try (TestServer server = TestServer.start(Map.of("shared_buffers", "1MB"))) {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE big (id int, pad text)");
        String pad = "x".repeat(200);
        StringBuilder values = new StringBuilder();
        int id = 0;
        for (int batch = 0; batch < 60; batch++) {
          values.setLength(0);
          for (int i = 0; i < 1000; i++) {
            if (i > 0) values.append(',');
            values.append('(').append(++id).append(",'").append(pad).append("')");
          }
          s.execute("INSERT INTO big VALUES " + values);
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(id), min(length(pad)) FROM big")) {
          rs.next();
          assertEquals(60_000, rs.getLong(1));
          assertEquals(60_000L * 60_001 / 2, rs.getLong(2));
          assertEquals(200, rs.getInt(3));
        }
        assertEquals(30_000, s.executeUpdate("UPDATE big SET pad = 'y' WHERE id % 2 = 0"));
      }
      server.stop();
      server.startAgain();
      try (Connection c = server.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM big WHERE pad = 'y'")) {
        rs.next();
        assertEquals(30_000, rs.getLong(1));
      }
    }
  }
}
