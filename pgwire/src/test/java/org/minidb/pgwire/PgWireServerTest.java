package org.minidb.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol state machine over real sockets, against a scripted engine. */
class PgWireServerTest {
  private FakeEngine engine;
  private PgWireServer server;

  @BeforeEach
  void start() {
    engine = new FakeEngine();
    server = PgWireServer.start(engine, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() { server.close(); }

  private RawClient client() throws IOException { return new RawClient(server.port()); }

  @Test
  void sslAndGssRequestsAreRefusedWithN() throws IOException {
    try (RawClient c = client()) {
      c.startupPacket(FrameDecoder.SSL_REQUEST_CODE, new byte[0]);
      assertEquals('N', c.in.readUnsignedByte());
      c.startupPacket(FrameDecoder.GSSENC_REQUEST_CODE, new byte[0]);
      assertEquals('N', c.in.readUnsignedByte());
      c.startup(3, 0, "user", "postgres");
      RawClient.Msg auth = c.read();
      assertEquals('R', auth.type());
      assertArrayEquals(new byte[4], auth.body());
      List<String> names = new ArrayList<>();
      RawClient.Msg m;
      while ((m = c.read()).type() == 'S') names.add(new String(m.body()).split("\0")[0]);
      assertEquals(List.of("client_encoding", "DateStyle", "integer_datetimes", "server_version",
          "standard_conforming_strings", "TimeZone"), names);
      assertEquals('K', m.type());
      assertEquals(1001, ByteBuffer.wrap(m.body()).getInt());
      assertEquals(4242, ByteBuffer.wrap(m.body()).getInt(4));
      RawClient.Msg ready = c.read();
      assertEquals('Z', ready.type());
      assertEquals('I', ready.body()[0]);
    }
  }

  @Test
  void newerMinorVersionAndPqOptionsAreNegotiated() throws IOException {
    try (RawClient c = client()) {
      c.startup(3, 1, "user", "postgres", "_pq_.fancy", "x");
      RawClient.Msg v = c.read();
      assertEquals('v', v.type());
      ByteBuffer b = ByteBuffer.wrap(v.body());
      assertEquals(0, b.getInt());
      assertEquals(1, b.getInt());
      assertEquals("_pq_.fancy", new String(v.body(), 8, v.body().length - 9));
      assertEquals('R', c.read().type());
      c.readUntil('Z');
      c.query("rows 1");
      assertEquals('T', c.read().type());
    }
  }

  @Test
  void protocolTwoIsRefused() throws IOException {
    try (RawClient c = client()) {
      c.startup(2, 0, "user", "postgres");
      RawClient.Msg e = c.read();
      assertEquals('E', e.type());
      assertEquals("FATAL", e.fields().get('S'));
      assertEquals("0A000", e.fields().get('C'));
      assertEquals("unsupported frontend protocol 2.0: server supports 3.0 to 3.0", e.fields().get('M'));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void missingUserAndUnknownRoleAreFatal() throws IOException {
    try (RawClient c = client()) {
      c.startup(3, 0, "database", "postgres");
      RawClient.Msg e = c.read();
      assertEquals("28000", e.fields().get('C'));
      assertEquals("no PostgreSQL user name specified in startup packet", e.fields().get('M'));
      assertTrue(c.closedByServer());
    }
    try (RawClient c = client()) {
      c.startup(3, 0, "user", "nobody");
      RawClient.Msg e = c.read();
      assertEquals('E', e.type());
      assertEquals("28000", e.fields().get('C'));
      assertTrue(c.closedByServer());
    }
  }

  private void assertFatalViolation(RawClient c, String message) throws IOException {
    RawClient.Msg e = c.readUntil('E');
    assertEquals("FATAL", e.fields().get('S'));
    assertEquals("08P01", e.fields().get('C'));
    assertEquals(message, e.fields().get('M'));
    assertTrue(c.closedByServer());
  }

  private void assertServerStillServes() throws IOException {
    try (RawClient other = client()) {
      other.connect();
      other.query("rows 2");
      assertEquals('T', other.read().type());
      assertEquals("SELECT 2", other.readUntil('C').text());
      assertEquals('Z', other.read().type());
    }
  }

  @Test
  void unknownMessageTypeIsFatalForThatConnectionOnly() throws IOException {
    try (RawClient bystander = client(); RawClient c = client()) {
      bystander.connect();
      c.connect();
      c.message('z', new byte[0]);
      assertFatalViolation(c, "invalid frontend message type 122");
      bystander.query("rows 1");
      assertEquals("SELECT 1", bystander.readUntil('C').text());
    }
    assertServerStillServes();
  }

  @Test
  void oversizedAndMalformedMessagesAreFatal() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.out.writeByte('Q');
      c.out.writeInt(Integer.MAX_VALUE);
      c.out.flush();
      assertFatalViolation(c, "invalid message length");
    }
    try (RawClient c = client()) {
      c.connect();
      c.out.writeByte('S');
      c.out.writeInt(2);
      c.out.flush();
      assertFatalViolation(c, "invalid message length");
    }
    try (RawClient c = client()) {
      c.out.writeInt(1_000_000);
      c.out.writeInt(196608);
      c.out.flush();
      assertFatalViolation(c, "invalid length of startup packet");
    }
    try (RawClient c = client()) {
      c.connect();
      c.message('Q', "no terminator".getBytes());
      assertFatalViolation(c, "invalid string in message");
    }
    try (RawClient c = client()) {
      c.connect();
      c.message('E', new byte[] {0, 1}); // portal name, then only 1 of the 4 bytes of the row limit
      assertFatalViolation(c, "insufficient data left in message");
    }
    assertServerStillServes();
  }

  @Test
  void simpleQueryResultsErrorsNoticesAndEmptyQueries() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.query("rows 3");
      RawClient.Msg t = c.read();
      assertEquals('T', t.type());
      ByteBuffer b = ByteBuffer.wrap(t.body());
      assertEquals(1, b.getShort());
      assertEquals("n", new String(t.body(), 2, 1));
      b.position(4);
      assertEquals(0, b.getInt());
      assertEquals(0, b.getShort());
      assertEquals(23, b.getInt());
      assertEquals(4, b.getShort());
      assertEquals(-1, b.getInt());
      assertEquals(0, b.getShort());
      for (int i = 1; i <= 3; i++) {
        RawClient.Msg d = c.read();
        assertEquals('D', d.type());
        assertEquals(Integer.toString(i), new String(d.body(), 6, d.body().length - 6));
      }
      assertEquals("SELECT 3", c.read().text());
      assertEquals('Z', c.read().type());

      c.query("fail");
      RawClient.Msg e = c.read();
      assertEquals('E', e.type());
      assertEquals("ERROR", e.fields().get('S'));
      assertEquals("ERROR", e.fields().get('V'));
      assertEquals("42601", e.fields().get('C'));
      assertEquals("1", e.fields().get('P'));
      assertEquals('Z', c.read().type());

      c.query("notice");
      assertEquals("hello", c.read().fields().get('M'));
      assertEquals("DO", c.read().text());
      assertEquals('Z', c.read().type());

      c.query("");
      assertEquals('I', c.read().type());
      assertEquals('Z', c.read().type());

      c.query("begin");
      assertEquals("BEGIN", c.read().text());
      assertEquals('T', c.read().body()[0]);
    }
  }

  private static byte[] bind(String portal, String statement, short[] paramFormats, byte[][] params,
      short[] resultFormats) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(bytes);
    d.write(RawClient.cstring(portal, statement));
    d.writeShort(paramFormats.length);
    for (short f : paramFormats) d.writeShort(f);
    d.writeShort(params.length);
    for (byte[] p : params) {
      d.writeInt(p == null ? -1 : p.length);
      if (p != null) d.write(p);
    }
    d.writeShort(resultFormats.length);
    for (short f : resultFormats) d.writeShort(f);
    return bytes.toByteArray();
  }

  private static byte[] parse(String name, String sql, int... oids) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(bytes);
    d.write(RawClient.cstring(name, sql));
    d.writeShort(oids.length);
    for (int oid : oids) d.writeInt(oid);
    return bytes.toByteArray();
  }

  private static byte[] execute(String portal, int maxRows) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(bytes);
    d.write(RawClient.cstring(portal));
    d.writeInt(maxRows);
    return bytes.toByteArray();
  }

  @Test
  void extendedProtocolWithRowLimitAndErrorSkipsToSync() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.message('P', parse("s1", "rows 5"));
      c.message('B', bind("c1", "s1", new short[0], new byte[0][], new short[] {1}));
      c.message('D', new byte[] {'P', 'c', '1', 0});
      c.message('E', execute("c1", 2));
      c.message('S', new byte[0]);
      assertEquals('1', c.read().type());
      assertEquals('2', c.read().type());
      RawClient.Msg t = c.read();
      assertEquals('T', t.type());
      assertEquals(1, t.body()[t.body().length - 1]); // binary format requested
      RawClient.Msg d1 = c.read();
      assertEquals('D', d1.type());
      assertEquals(4, ByteBuffer.wrap(d1.body()).getInt(2));
      assertEquals(1, ByteBuffer.wrap(d1.body()).getInt(6));
      assertEquals('D', c.read().type());
      assertEquals('s', c.read().type());
      assertEquals('Z', c.read().type());
      c.message('E', execute("c1", 0));
      c.message('S', new byte[0]);
      assertEquals(3, ByteBuffer.wrap(c.read().body()).getInt(6));
      assertEquals('D', c.read().type());
      assertEquals('D', c.read().type());
      assertEquals("SELECT 3", c.read().text());
      assertEquals('Z', c.read().type());

      // An error: everything up to Sync is discarded, then ReadyForQuery.
      c.message('B', bind("", "missing", new short[0], new byte[0][], new short[0]));
      c.message('E', execute("", 0));
      c.message('H', new byte[0]);
      c.message('S', new byte[0]);
      RawClient.Msg e = c.read();
      assertEquals("26000", e.fields().get('C'));
      assertEquals('Z', c.read().type());

      // Describe statement: ParameterDescription then RowDescription; parameters text and binary.
      c.message('P', parse("", "echo", 23, 1700, 25));
      c.message('D', new byte[] {'S', 0});
      byte[] numeric = {0, 2, 0, 0, 0, 0, 0, 1, 0, 1, 0x13, (byte) 0x88};
      c.message('B', bind("", "", new short[] {0, 1, 0},
          new byte[][] {"42".getBytes(), numeric, null}, new short[0]));
      c.message('E', execute("", 0));
      c.message('C', new byte[] {'S', 0});
      c.message('S', new byte[0]);
      assertEquals('1', c.read().type());
      RawClient.Msg pd = c.read();
      assertEquals('t', pd.type());
      assertEquals(3, ByteBuffer.wrap(pd.body()).getShort());
      assertEquals(1700, ByteBuffer.wrap(pd.body()).getInt(6));
      assertEquals('T', c.read().type());
      assertEquals('2', c.read().type());
      RawClient.Msg row = c.read();
      assertEquals('D', row.type());
      ByteBuffer rb = ByteBuffer.wrap(row.body());
      assertEquals(3, rb.getShort());
      assertEquals(2, rb.getInt());
      assertEquals("42", new String(row.body(), 6, 2));
      rb.position(8);
      assertEquals(3, rb.getInt());
      assertEquals("1.5", new String(row.body(), 12, 3));
      rb.position(15);
      assertEquals(-1, rb.getInt());
      assertEquals("SELECT 1", c.read().text());
      assertEquals('3', c.read().type());
      assertEquals('Z', c.read().type());
    }
  }

  @Test
  void largeResultsStreamThroughTheBuffer() throws IOException {
    try (RawClient c = client()) {
      c.connect();
      c.query("rows 200000");
      assertEquals('T', c.read().type());
      int rows = 0;
      RawClient.Msg m;
      while ((m = c.read()).type() == 'D') rows++;
      assertEquals(200_000, rows);
      assertEquals("SELECT 200000", m.text());
      assertEquals('Z', c.read().type());
    }
  }

  @Test
  void maxConnectionsIsEnforced() throws IOException {
    try (PgWireServer small = PgWireServer.start(engine, "127.0.0.1", 0, 1);
        RawClient first = new RawClient(small.port());
        RawClient second = new RawClient(small.port())) {
      first.connect();
      second.startup(3, 0, "user", "postgres");
      RawClient.Msg e = second.read();
      assertEquals("53300", e.fields().get('C'));
      assertEquals("sorry, too many clients already", e.fields().get('M'));
      assertTrue(second.closedByServer());
      first.message('X', new byte[0]);
      assertTrue(first.closedByServer());
    }
  }

  @Test
  void cancelRequestClosesQuietlyAndSessionsAreClosed() throws Exception {
    try (RawClient c = client()) {
      c.startupPacket(FrameDecoder.CANCEL_REQUEST_CODE, new byte[] {0, 0, 3, (byte) 233, 0, 0, 0, 1});
      assertTrue(c.closedByServer());
    }
    try (RawClient c = client()) {
      c.connect();
      c.message('X', new byte[0]);
      assertTrue(c.closedByServer());
    }
    try (RawClient c = client()) {
      c.connect();
      c.query("begin");
      c.readUntil('Z');
    }
    for (int i = 0; i < 200 && engine.sessionsClosed.get() < 2; i++) Thread.sleep(25);
    assertEquals(2, engine.sessionsClosed.get());
  }
}
