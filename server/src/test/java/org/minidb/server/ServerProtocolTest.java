package org.minidb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
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

/** A real server on an ephemeral port, spoken to in raw protocol bytes and with pgjdbc. */
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

  private RawClient client() throws IOException { return new RawClient(server.port()); }

  @Test
  void lockFileHoldsTheRealPortAndASecondServerIsRefused() throws IOException {
    String lock = Files.readString(dataDirectory.resolve("postmaster.pid"));
    assertTrue(lock.lines().toList().get(3).equals(Integer.toString(server.port())), lock);
    DbException e = org.junit.jupiter.api.Assertions.assertThrows(DbException.class,
        () -> MiniDbServer.start(new ServerOptions(dataDirectory, Map.of("port", "0"))));
    assertEquals("lock file \"postmaster.pid\" already exists", e.getMessage());
  }

  @Test
  void sslRequestThenStartup() throws IOException {
    try (RawClient c = client()) {
      c.startupPacket(80877103, new byte[0]);
      assertEquals('N', c.in.readUnsignedByte());
      c.startup(3, 0, "user", "postgres", "database", "postgres");
      assertEquals('R', c.read().type());
      RawClient.Msg m;
      int statuses = 0;
      while ((m = c.read()).type() == 'S') statuses++;
      assertEquals(13, statuses);
      assertEquals('K', m.type());
      assertEquals('Z', c.read().type());
    }
  }

  @Test
  void protocolThreeOneIsNegotiated() throws IOException {
    try (RawClient c = client()) {
      c.startup(3, 1, "user", "postgres", "database", "postgres", "_pq_.x", "1");
      RawClient.Msg v = c.read();
      assertEquals('v', v.type());
      assertEquals(0, ByteBuffer.wrap(v.body()).getInt());
      assertEquals(1, ByteBuffer.wrap(v.body()).getInt(4));
      assertEquals('R', c.read().type());
      assertEquals('Z', c.readUntil('Z').type());
    }
  }

  @Test
  void protocolTwoIsRefused() throws IOException {
    try (RawClient c = client()) {
      c.startup(2, 0, "user", "postgres");
      RawClient.Msg e = c.read();
      assertEquals("0A000", e.fields().get('C'));
      assertEquals("unsupported frontend protocol 2.0: server supports 3.0 to 3.0", e.fields().get('M'));
      assertTrue(c.closedByServer());
    }
  }

  private void assertFatal08P01(RawClient c, String message) throws IOException {
    RawClient.Msg e = c.readUntil('E');
    assertEquals("FATAL", e.fields().get('S'));
    assertEquals("08P01", e.fields().get('C'));
    assertEquals(message, e.fields().get('M'));
    assertTrue(c.closedByServer());
  }

  @Test
  void badMessagesCloseOnlyTheirConnection() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.message('y', new byte[0]);
      assertFatal08P01(c, "invalid frontend message type 121");
    }
    try (RawClient c = client()) {
      c.connect();
      c.out.writeByte('Q');
      c.out.writeInt(0x7fffffff);
      c.out.flush();
      assertFatal08P01(c, "invalid message length");
    }
    try (RawClient c = client()) {
      c.connect();
      c.message('Q', "SELECT 1".getBytes()); // no terminating zero byte
      assertFatal08P01(c, "invalid string in message");
    }
    try (RawClient c = client()) {
      c.out.writeInt(50_000);
      c.out.writeInt(196608);
      c.out.flush();
      assertFatal08P01(c, "invalid length of startup packet");
    }
    try (RawClient c = client()) {
      c.connect();
      c.query("SELECT 1");
      assertEquals('T', c.read().type());
      assertEquals("SELECT 1", c.readUntil('C').text());
      assertEquals('Z', c.read().type());
    }
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
