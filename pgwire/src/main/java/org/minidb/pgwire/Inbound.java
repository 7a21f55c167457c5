package org.minidb.pgwire;

import org.minidb.common.error.DbException;

/**
 * What the netty event loop hands to a connection's backend worker, in arrival order: whole frames, a framing
 * error, or the end of the connection. The event loop never interprets a message beyond its frame.
 */
sealed interface Inbound {
  /** A startup-phase packet: StartupMessage (protocol code), SSLRequest, GSSENCRequest or CancelRequest. */
  record StartupPacket(int code, byte[] body) implements Inbound {}

  /** A typed message after startup; {@code body} excludes the type byte and the length word. */
  record Message(byte type, byte[] body) implements Inbound {}

  /** The byte stream broke the framing rules; nothing after it is decoded. */
  record Violation(DbException error) implements Inbound {}

  /** The client closed the connection (or it broke). Always the last event of a connection. */
  record Closed() implements Inbound {}
}
