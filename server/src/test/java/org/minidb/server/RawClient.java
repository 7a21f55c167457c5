package org.minidb.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A byte-level protocol client for tests: writes frames, reads backend messages one at a time. */
final class RawClient implements AutoCloseable {
  record Msg(char type, byte[] body) {
    /** Fields of an ErrorResponse / NoticeResponse. */
    Map<Character, String> fields() {
      Map<Character, String> m = new HashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char code = (char) body[i++];
        int end = i;
        while (body[end] != 0) end++;
        m.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
        i = end + 1;
      }
      return m;
    }

    String text() { return new String(body, 0, Math.max(0, body.length - 1), StandardCharsets.UTF_8); }
  }

  final Socket socket;
  final DataInputStream in;
  final DataOutputStream out;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  void startupPacket(int code, byte[] body) throws IOException {
    out.writeInt(body.length + 8);
    out.writeInt(code);
    out.write(body);
    out.flush();
  }

  void startup(int major, int minor, String... nameValues) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String s : nameValues) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    b.write(0);
    startupPacket((major << 16) | minor, b.toByteArray());
  }

  /** Startup as user postgres, then reads up to ReadyForQuery. */
  void connect() throws IOException {
    startup(3, 0, "user", "postgres", "database", "postgres");
    readUntil('Z');
  }

  void message(char type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(body.length + 4);
    out.write(body);
    out.flush();
  }

  void query(String sql) throws IOException { message('Q', cstring(sql)); }

  /** Sync ('S'): ends an extended-query batch. */
  void sync() throws IOException { message('S', new byte[0]); }

  /** The body of a Parse message: statement name, text, then declared parameter type oids. */
  static byte[] parse(String name, String sql, int... oids) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(cstring(name, sql));
    writeShort(b, oids.length);
    for (int oid : oids) writeInt(b, oid);
    return b.toByteArray();
  }

  /** The body of a Bind message; a null parameter is sent as SQL NULL (length -1). */
  static byte[] bind(String portal, String statement, short[] paramFormats, byte[][] params,
      short[] resultFormats) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(cstring(portal, statement));
    writeShort(b, paramFormats.length);
    for (short f : paramFormats) writeShort(b, f);
    writeShort(b, params.length);
    for (byte[] p : params) {
      writeInt(b, p == null ? -1 : p.length);
      if (p != null) b.writeBytes(p);
    }
    writeShort(b, resultFormats.length);
    for (short f : resultFormats) writeShort(b, f);
    return b.toByteArray();
  }

  /** The body of an Execute message; {@code maxRows} 0 means all rows. */
  static byte[] execute(String portal, int maxRows) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(cstring(portal));
    writeInt(b, maxRows);
    return b.toByteArray();
  }

  private static void writeShort(ByteArrayOutputStream b, int v) {
    b.write(v >>> 8);
    b.write(v);
  }

  private static void writeInt(ByteArrayOutputStream b, int v) {
    writeShort(b, v >>> 16);
    writeShort(b, v);
  }

  static byte[] cstring(String... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String s : parts) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    return b.toByteArray();
  }

  Msg read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Msg(type, body);
  }

  /** Reads messages until one of {@code type}, returning it. */
  Msg readUntil(char type) throws IOException {
    for (int i = 0; i < 10_000; i++) {
      Msg m = read();
      if (m.type == type) return m;
    }
    throw new AssertionError("no message " + type);
  }

  /** Whether the server closed the connection (EOF within the socket timeout). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (EOFException e) {
      return true;
    } catch (java.net.SocketException e) {
      return true; // reset by the server
    }
  }

  @Override
  public void close() throws IOException { socket.close(); }
}
