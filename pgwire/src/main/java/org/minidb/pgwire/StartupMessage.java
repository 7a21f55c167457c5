package org.minidb.pgwire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * A parsed StartupMessage, checked as PostgreSQL's ProcessStartupPacket checks it: protocol major version 3
 * only (FATAL 0A000 otherwise), name/value pairs ending in an empty name (FATAL 08P01 otherwise), a user name
 * (FATAL 28000). Options named {@code _pq_.*} are protocol extensions MiniDB does not know; they and a minor
 * version above {@link #NEWEST_MINOR} are answered with NegotiateProtocolVersion.
 */
record StartupMessage(int majorVersion, int minorVersion, Map<String, String> parameters,
    List<String> unrecognizedOptions) {

  static final int NEWEST_MINOR = 0;

  /** Whether the client must be told, with NegotiateProtocolVersion, what the server speaks. */
  boolean needsNegotiation() { return minorVersion > NEWEST_MINOR || !unrecognizedOptions.isEmpty(); }

  static StartupMessage parse(int protocolCode, byte[] body) {
    int major = protocolCode >>> 16;
    int minor = protocolCode & 0xffff;
    if (major != 3) {
      throw DbException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol " + major + "."
          + minor + ": server supports 3.0 to 3." + NEWEST_MINOR);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    List<String> unrecognized = new ArrayList<>();
    int position = 0;
    while (true) {
      int nameEnd = terminator(body, position);
      if (nameEnd == position) {
        if (nameEnd != body.length - 1) throw layoutError();
        break;
      }
      String name = new String(body, position, nameEnd - position, StandardCharsets.UTF_8);
      int valueEnd = terminator(body, nameEnd + 1);
      String value = new String(body, nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.UTF_8);
      position = valueEnd + 1;
      if (name.startsWith("_pq_.")) {
        unrecognized.add(name);
      } else {
        parameters.put(name, value);
      }
    }
    String user = parameters.get("user");
    if (user == null || user.isEmpty()) {
      throw DbException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no PostgreSQL user name specified in startup packet");
    }
    // PostgreSQL: the database name defaults to the user name.
    String database = parameters.get("database");
    if (database == null || database.isEmpty()) parameters.put("database", user);
    return new StartupMessage(major, minor, parameters, List.copyOf(unrecognized));
  }

  private static int terminator(byte[] body, int from) {
    for (int i = from; i < body.length; i++) {
      if (body[i] == 0) return i;
    }
    throw layoutError();
  }

  private static DbException layoutError() {
    return DbException.fatal(SqlState.PROTOCOL_VIOLATION,
        "invalid startup packet layout: expected terminator as last byte");
  }
}
