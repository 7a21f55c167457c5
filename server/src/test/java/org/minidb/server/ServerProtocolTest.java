package org.minidb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;

/**
 * A real server on an ephemeral port: its lock file, and pgjdbc reaching it. The protocol itself is tested in
 * {@link StartupProtocolTest}, {@link QueryProtocolTest} and {@link PgJdbcProtocolTest}.
 */
class ServerProtocolTest {
  @TempDir static Path dataDirectory;
  static MiniDbServer server;

  @BeforeAll
  static void start() {
    server = MiniDbServer.start(new ServerOptions(dataDirectory, Map.of("port", "0")));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    assertFalse(Files.exists(dataDirectory.resolve("postmaster.pid")));
  }

  @Test
  void lockFileHoldsTheRealPortAndASecondServerIsRefused() throws IOException {
    String lock = Files.readString(dataDirectory.resolve("postmaster.pid"));
    assertTrue(lock.lines().toList().get(3).equals(Integer.toString(server.port())), lock);
    DbException e = org.junit.jupiter.api.Assertions.assertThrows(DbException.class,
        () -> MiniDbServer.start(new ServerOptions(dataDirectory, Map.of("port", "0"))));
    assertEquals("lock file \"postmaster.pid\" already exists", e.getMessage());
  }

  @Test
  void pgjdbcSelectOne() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
    try (Connection conn = DriverManager.getConnection(url, "postgres", "");
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
      assertFalse(rs.next());
    }
  }
}
