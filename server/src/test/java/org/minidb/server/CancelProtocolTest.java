package org.minidb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidb.e2e.TestServer;

/**
 * CancelRequest and the idle timeouts at the byte level, where pgjdbc hides what happens: which messages come
 * and when the server closes. Messages and codes as PostgreSQL 15 sends them (checked with psql against it).
 */
class CancelProtocolTest {
  private static final int CANCEL_REQUEST_CODE = 80877102;

  private static TestServer server;

  @BeforeAll
  static void start() throws IOException { server = TestServer.start(); }

  @AfterAll
  static void stop() throws IOException { server.close(); }

  /** A started session and its BackendKeyData. */
  private record Backend(RawClient client, int pid, int key) {}

  private static Backend connect() throws IOException {
    RawClient c = new RawClient(server.port());
    c.startup(3, 0, "user", "postgres", "database", "postgres");
    ByteBuffer keyData = null;
    for (RawClient.Msg m = c.read(); m.type() != 'Z'; m = c.read()) {
      if (m.type() == 'K') keyData = ByteBuffer.wrap(m.body());
    }
    assertNotNull(keyData, "BackendKeyData");
    return new Backend(c, keyData.getInt(), keyData.getInt());
  }

  /** Sends a CancelRequest and waits until the server has handled it (it closes the connection, no reply). */
  private static void sendCancel(byte[] body) throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      c.startupPacket(CANCEL_REQUEST_CODE, body);
      assertTrue(c.closedByServer());
    }
  }

  private static byte[] cancelBody(int pid, int key) {
    return ByteBuffer.allocate(8).putInt(pid).putInt(key).array();
  }

  private static void assertFatalThenClose(RawClient c, String code, String message) throws IOException {
    RawClient.Msg e = c.readUntil('E');
    assertEquals("FATAL", e.fields().get('S'));
    assertEquals(code, e.fields().get('C'));
    assertEquals(message, e.fields().get('M'));
    assertTrue(c.closedByServer());
  }

  @Test
  void aCancelWhileIdleIsDroppedAndDoesNotHitTheNextStatement() throws IOException {
    Backend b = connect();
    try (RawClient c = b.client()) {
      sendCancel(cancelBody(b.pid(), b.key()));
      c.query("SELECT pg_sleep(0.05)");
      assertEquals('T', c.read().type());
      assertEquals('D', c.read().type());
      assertEquals("SELECT 1", c.read().text());
      assertEquals('Z', c.read().type());
    }
  }

  @Test
  void aCancelRequestOfTheWrongLengthClosesQuietly() throws IOException {
    sendCancel(new byte[] {0, 0, 0, 1});
    Backend b = connect();
    try (RawClient c = b.client()) {
      c.query("SELECT 1");
      assertEquals("SELECT 1", c.readUntil('C').text());
    }
  }

  @Test
  void aCancelEndsTheRunningStatementWithReadyForQueryAfter() throws Exception {
    Backend b = connect();
    try (RawClient c = b.client()) {
      c.query("SELECT pg_sleep(60)");
      // A cancel that comes before the statement starts is dropped: repeat until the answer comes (bounded).
      for (int i = 0; i < 200 && c.in.available() == 0; i++) {
        sendCancel(cancelBody(b.pid(), b.key()));
        Thread.sleep(20);
      }
      RawClient.Msg error = c.readUntil('E');
      assertEquals("ERROR", error.fields().get('S'));
      assertEquals("57014", error.fields().get('C'));
      assertEquals("canceling statement due to user request", error.fields().get('M'));
      assertEquals('Z', c.read().type());
    }
  }

  @Test
  void idleSessionTimeoutEndsTheConnection() throws IOException {
    Backend b = connect();
    try (RawClient c = b.client()) {
      c.query("SET idle_session_timeout = 100");
      c.readUntil('Z');
      assertFatalThenClose(c, "57P05", "terminating connection due to idle-session timeout");
    }
  }

  @Test
  void idleInTransactionTimeoutCountsForAFailedBlockToo() throws IOException {
    Backend b = connect();
    try (RawClient c = b.client()) {
      c.query("SET idle_in_transaction_session_timeout = 100; SET idle_session_timeout = 0");
      c.readUntil('Z');
      c.query("BEGIN; SELECT 1/0");
      assertEquals("22012", c.readUntil('E').fields().get('C'));
      assertEquals('E', (char) c.readUntil('Z').body()[0]);
      assertFatalThenClose(c, "25P03", "terminating connection due to idle-in-transaction timeout");
    }
  }
}
