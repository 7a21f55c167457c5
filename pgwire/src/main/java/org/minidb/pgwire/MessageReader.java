package org.minidb.pgwire;

import java.nio.charset.StandardCharsets;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Reads the fields of one frontend message body (the bytes after the type and length). Every read checks the
 * remaining length. A well-framed message whose contents are wrong (it ends early, a string lacks its zero
 * byte) is an ERROR 08P01 with PostgreSQL's wording ({@code insufficient data left in message},
 * {@code invalid string in message}): the framing is intact, so, as in PostgreSQL, the connection goes on.
 * A broken frame or an unknown message type is a FATAL {@link #violation}.
 */
final class MessageReader {
  private final byte[] body;
  private int position;

  MessageReader(byte[] body) { this.body = body; }

  int remaining() { return body.length - position; }

  byte readByte() {
    need(1);
    return body[position++];
  }

  short readInt16() {
    need(2);
    short v = (short) (((body[position] & 0xff) << 8) | (body[position + 1] & 0xff));
    position += 2;
    return v;
  }

  int readInt32() {
    need(4);
    int v = ((body[position] & 0xff) << 24) | ((body[position + 1] & 0xff) << 16)
        | ((body[position + 2] & 0xff) << 8) | (body[position + 3] & 0xff);
    position += 4;
    return v;
  }

  /** A null-terminated UTF-8 string. */
  String readCString() {
    int end = position;
    while (end < body.length && body[end] != 0) end++;
    if (end >= body.length) throw contentError("invalid string in message");
    String s = new String(body, position, end - position, StandardCharsets.UTF_8);
    position = end + 1;
    return s;
  }

  byte[] readBytes(int n) {
    if (n < 0) throw contentError("invalid message format");
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(body, position, out, 0, n);
    position += n;
    return out;
  }

  /** PostgreSQL's pq_getmsgend: a message with bytes left over is malformed too. */
  void expectEnd() {
    if (position != body.length) throw contentError("invalid message format");
  }

  private void need(int n) {
    if (remaining() < n) throw contentError("insufficient data left in message");
  }

  static DbException contentError(String message) {
    return DbException.of(SqlState.PROTOCOL_VIOLATION, message);
  }

  static DbException violation(String message) {
    return DbException.fatal(SqlState.PROTOCOL_VIOLATION, message);
  }
}
