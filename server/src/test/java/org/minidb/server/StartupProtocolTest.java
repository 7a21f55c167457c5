package org.minidb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidb.e2e.TestServer;

/**
 * Connection start-up, protocol violations, cancel requests and connection limits, in raw protocol bytes against
 * a real server. Every expected answer is PostgreSQL 15's.
 */
class StartupProtocolTest {
  private static final int SSL_REQUEST_CODE = 80877103;
  private static final int GSSENC_REQUEST_CODE = 80877104;
  private static final int CANCEL_REQUEST_CODE = 80877102;

  private static TestServer server;

  @BeforeAll
  static void start() throws IOException { server = TestServer.start(); }

  @AfterAll
  static void stop() throws IOException { server.close(); }

  private static RawClient client() throws IOException { return new RawClient(server.port()); }

  /** Reads ParameterStatus messages up to BackendKeyData, returning the names in order and that message. */
  private static RawClient.Msg readParameterStatuses(RawClient c, List<String> names) throws IOException {
    RawClient.Msg m;
    while ((m = c.read()).type() == 'S') names.add(new String(m.body()).split("\0")[0]);
    return m;
  }

  @Test
  void sslAndGssRequestsAreRefusedWithN() throws IOException {
    try (RawClient c = client()) {
      c.startupPacket(SSL_REQUEST_CODE, new byte[0]);
      assertEquals('N', c.in.readUnsignedByte());
      c.startupPacket(GSSENC_REQUEST_CODE, new byte[0]);
      assertEquals('N', c.in.readUnsignedByte()); // as a PostgreSQL built without GSSAPI (with it: 'G')
      c.startup(3, 0, "user", "postgres", "database", "postgres");
      RawClient.Msg auth = c.read();
      assertEquals('R', auth.type());
      assertArrayEquals(new byte[4], auth.body()); // AuthenticationOk
      List<String> names = new ArrayList<>();
      RawClient.Msg key = readParameterStatuses(c, names);
      assertEquals(List.of("application_name", "client_encoding", "DateStyle", "default_transaction_read_only",
          "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser", "server_encoding",
          "server_version", "session_authorization", "standard_conforming_strings", "TimeZone"), names);
      assertEquals('K', key.type());
      assertEquals(8, key.body().length);
      assertTrue(ByteBuffer.wrap(key.body()).getInt() > 0, "backend pid");
      RawClient.Msg ready = c.read();
      assertEquals('Z', ready.type());
      assertEquals('I', ready.body()[0]);
    }
  }

  @Test
  void eachConnectionHasItsOwnBackendKey() throws IOException {
    try (RawClient a = client(); RawClient b = client()) {
      a.startup(3, 0, "user", "postgres", "database", "postgres");
      b.startup(3, 0, "user", "postgres", "database", "postgres");
      ByteBuffer keyA = ByteBuffer.wrap(a.readUntil('K').body());
      ByteBuffer keyB = ByteBuffer.wrap(b.readUntil('K').body());
      assertNotEquals(keyA.getInt(0), keyB.getInt(0));
    }
  }

  @Test
  void newerMinorVersionAndPqOptionsAreNegotiated() throws IOException {
    try (RawClient c = client()) {
      c.startup(3, 1, "user", "postgres", "database", "postgres", "_pq_.fancy", "x");
      RawClient.Msg v = c.read();
      assertEquals('v', v.type());
      ByteBuffer b = ByteBuffer.wrap(v.body());
      assertEquals(196608, b.getInt()); // newest version supported, 3.0, as PostgreSQL 15 sends it
      assertEquals(1, b.getInt()); // options not recognized
      assertEquals("_pq_.fancy", new String(v.body(), 8, v.body().length - 9));
      assertEquals('R', c.read().type());
      c.readUntil('Z');
      c.query("SELECT 1");
      assertEquals('T', c.read().type());
      assertEquals("SELECT 1", c.readUntil('C').text());
      assertEquals('Z', c.read().type());
    }
  }

  /**
   * PostgreSQL answers a 2.0 start-up in the 2.0 protocol's own error format, which that client can read: 'E', then
   * the message as one zero-terminated string (no length word, no fields), then it closes the connection.
   */
  @Test
  void protocolTwoIsRefused() throws IOException {
    try (RawClient c = client()) {
      c.startup(2, 0, "user", "postgres");
      assertEquals('E', c.in.readUnsignedByte());
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      for (int b, i = 0; (b = c.in.readUnsignedByte()) != 0 && i < 1000; i++) text.write(b);
      assertEquals("FATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n", text.toString());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void missingUserUnknownRoleAndUnknownDatabaseAreFatal() throws IOException {
    try (RawClient c = client()) {
      c.startup(3, 0, "database", "postgres");
      RawClient.Msg e = c.read();
      assertEquals('E', e.type());
      assertEquals("FATAL", e.fields().get('S'));
      assertEquals("28000", e.fields().get('C'));
      assertEquals("no PostgreSQL user name specified in startup packet", e.fields().get('M'));
      assertTrue(c.closedByServer());
    }
    try (RawClient c = client()) {
      c.startup(3, 0, "user", "nobody", "database", "postgres");
      RawClient.Msg e = c.read();
      if (e.type() == 'R') { // PostgreSQL authenticates first (AuthenticationOk under trust), then finds no role
        assertArrayEquals(new byte[4], e.body());
        e = c.read();
      }
      assertEquals('E', e.type());
      assertEquals("FATAL", e.fields().get('S'));
      assertEquals("28000", e.fields().get('C'));
      assertEquals("role \"nobody\" does not exist", e.fields().get('M'));
      assertTrue(c.closedByServer());
    }
    try (RawClient c = client()) {
      c.startup(3, 0, "user", "postgres", "database", "nodb");
      RawClient.Msg e = c.readUntil('E');
      assertEquals("FATAL", e.fields().get('S'));
      assertEquals("3D000", e.fields().get('C'));
      assertEquals("database \"nodb\" does not exist", e.fields().get('M'));
      assertTrue(c.closedByServer());
    }
  }

  private static void assertFatalViolation(RawClient c, String message) throws IOException {
    RawClient.Msg e = c.readUntil('E');
    assertEquals("FATAL", e.fields().get('S'));
    assertEquals("08P01", e.fields().get('C'));
    assertEquals(message, e.fields().get('M'));
    assertTrue(c.closedByServer());
  }

  /** FATAL 08P01 (whatever the wording, which depends on which length was wrong), then the server closes. */
  private static void assertFatalProtocolViolationThenClose(RawClient c) throws IOException {
    RawClient.Msg e = c.readUntil('E');
    assertEquals("FATAL", e.fields().get('S'));
    assertEquals("08P01", e.fields().get('C'));
    assertTrue(c.closedByServer());
  }

  private static void assertServerStillServes() throws IOException {
    try (RawClient other = client()) {
      other.connect();
      other.query("SELECT x AS n FROM (VALUES (1), (2)) v(x)");
      assertEquals('T', other.read().type());
      assertEquals("SELECT 2", other.readUntil('C').text());
      assertEquals('Z', other.read().type());
    }
  }

  @Test
  void unknownMessageTypeIsFatalForThatConnectionOnly() throws IOException {
    for (char type : new char[] {'y', 'z'}) {
      try (RawClient bystander = client(); RawClient c = client()) {
        bystander.connect();
        c.connect();
        c.message(type, new byte[0]);
        assertFatalViolation(c, "invalid frontend message type " + (int) type);
        bystander.query("SELECT 1");
        assertEquals("SELECT 1", bystander.readUntil('C').text());
      }
    }
    assertServerStillServes();
  }

  /**
   * A length word out of range cannot be trusted to find the next message, so the connection ends. PostgreSQL
   * only logs "invalid message length" / "invalid length of startup packet" and closes without a reply; MiniDB
   * first sends FATAL 08P01 (the issue asks for it: a client learns why it was cut off), then closes.
   */
  @Test
  void invalidMessageLengthsAreFatal() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.out.writeByte('Q');
      c.out.writeInt(Integer.MAX_VALUE);
      c.out.flush();
      assertFatalProtocolViolationThenClose(c);
    }
    try (RawClient c = client()) {
      c.connect();
      c.out.writeByte('S');
      c.out.writeInt(2);
      c.out.flush();
      assertFatalProtocolViolationThenClose(c);
    }
    for (int length : new int[] {50_000, 1_000_000}) {
      try (RawClient c = client()) {
        c.out.writeInt(length);
        c.out.writeInt(196608);
        c.out.flush();
        assertFatalProtocolViolationThenClose(c);
      }
    }
    assertServerStillServes();
  }

  /** A well-framed message with bad contents is an ERROR (08P01); the connection stays usable. */
  @Test
  void malformedMessageContentsAreErrorsThatKeepTheConnection() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.message('Q', "SELECT 1".getBytes()); // no terminating zero byte
      RawClient.Msg e = c.read();
      assertEquals('E', e.type());
      assertEquals("ERROR", e.fields().get('S'));
      assertEquals("08P01", e.fields().get('C'));
      assertEquals("invalid string in message", e.fields().get('M'));
      assertEquals('Z', c.read().type());
      c.query("SELECT 1");
      assertEquals('T', c.read().type());
      assertEquals("SELECT 1", c.readUntil('C').text());
      assertEquals('Z', c.read().type());
    }
    try (RawClient c = client()) {
      c.connect();
      c.message('E', new byte[] {0, 1}); // portal name, then only 1 of the 4 bytes of the row limit
      RawClient.Msg e = c.read();
      assertEquals('E', e.type());
      assertEquals("ERROR", e.fields().get('S'));
      assertEquals("08P01", e.fields().get('C'));
      assertEquals("insufficient data left in message", e.fields().get('M'));
      c.sync(); // an extended-query error skips to Sync
      RawClient.Msg ready = c.read();
      assertEquals('Z', ready.type());
      assertEquals('I', ready.body()[0]);
      c.query("SELECT 1");
      assertEquals("SELECT 1", c.readUntil('C').text());
    }
    assertServerStillServes();
  }

  @Test
  void maxConnectionsIsEnforced() throws IOException {
    try (TestServer small = TestServer.start(Map.of("max_connections", "1"));
        RawClient first = new RawClient(small.port());
        RawClient second = new RawClient(small.port())) {
      first.connect();
      second.startup(3, 0, "user", "postgres", "database", "postgres");
      RawClient.Msg e = second.read();
      assertEquals('E', e.type());
      assertEquals("FATAL", e.fields().get('S'));
      assertEquals("53300", e.fields().get('C'));
      assertEquals("sorry, too many clients already", e.fields().get('M'));
      assertTrue(second.closedByServer());
      first.message('X', new byte[0]);
      assertTrue(first.closedByServer());
    }
  }

  @Test
  void cancelRequestForAnUnknownBackendClosesQuietly() throws IOException {
    try (RawClient c = client()) {
      c.startupPacket(CANCEL_REQUEST_CODE, new byte[] {0, 0, 3, (byte) 233, 0, 0, 0, 1});
      assertTrue(c.closedByServer()); // no reply at all, as in PostgreSQL
    }
    assertServerStillServes();
  }

  /**
   * A session ends with its connection, whether the client says Terminate or just goes away: its open transaction
   * is rolled back and its table write lock released, so another session's UPDATE proceeds. (If a session stayed
   * open, that UPDATE would wait for the lock and the read would time out.)
   */
  @Test
  void closedConnectionsEndTheirSessionsAndTransactions() throws IOException {
    try (RawClient setup = client()) {
      setup.connect();
      setup.query("CREATE TABLE held (k int4, v int4)");
      assertEquals("CREATE TABLE", setup.readUntil('C').text());
      setup.readUntil('Z');
      setup.query("INSERT INTO held VALUES (1, 0)");
      assertEquals("INSERT 0 1", setup.readUntil('C').text());
      setup.readUntil('Z');
    }
    try (RawClient terminated = client()) {
      terminated.connect();
      updateInTransaction(terminated);
      terminated.message('X', new byte[0]);
      assertTrue(terminated.closedByServer());
    }
    try (RawClient dropped = client()) {
      dropped.connect();
      updateInTransaction(dropped);
    } // the socket closes without Terminate
    try (RawClient c = client()) {
      c.connect();
      c.query("UPDATE held SET v = v + 1");
      assertEquals("UPDATE 1", c.readUntil('C').text());
      c.readUntil('Z');
      c.query("SELECT v FROM held");
      assertEquals('T', c.read().type());
      RawClient.Msg row = c.read();
      assertEquals('D', row.type());
      assertEquals("1", new String(row.body(), 6, row.body().length - 6)); // both open transactions rolled back
      assertEquals("SELECT 1", c.read().text());
      assertEquals('I', c.read().body()[0]);
    }
  }

  private static void updateInTransaction(RawClient c) throws IOException {
    c.query("BEGIN");
    c.readUntil('Z');
    c.query("UPDATE held SET v = v + 100");
    assertEquals("UPDATE 1", c.readUntil('C').text());
    RawClient.Msg ready = c.read();
    assertEquals('Z', ready.type());
    assertEquals('T', ready.body()[0]);
  }
}
