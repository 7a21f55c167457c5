package org.minidb.pgwire;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.common.types.TextFormat;
import org.minidb.sql.PortalDescription;
import org.minidb.sql.Session;
import org.minidb.sql.StatementDescription;

/**
 * The extended-query messages Parse, Bind, Describe, Execute and Close: each is read from its body, handed to
 * the session, and answered with its completion message. Errors are thrown (ERROR for bad content, FATAL 08P01
 * for a malformed message); the connection then discards messages until Sync.
 */
final class ExtendedProtocol {
  private final BackendConnection connection;
  private final OutputBuffer out;

  ExtendedProtocol(BackendConnection connection, OutputBuffer out) {
    this.connection = connection;
    this.out = out;
  }

  void parse(Session session, MessageReader in) {
    String name = in.readCString();
    String sql = in.readCString();
    int count = in.readInt16();
    if (count < 0) throw MessageReader.contentError("invalid message format");
    int[] typeOids = new int[count];
    for (int i = 0; i < count; i++) typeOids[i] = in.readInt32();
    in.expectEnd();
    session.parse(name, sql, typeOids);
    BackendMessages.parseComplete(out);
  }

  void bind(Session session, MessageReader in) {
    String portal = in.readCString();
    String statement = in.readCString();
    short[] parameterFormats = readFormats(in);
    int count = in.readInt16();
    if (count < 0) throw MessageReader.contentError("invalid message format");
    if (parameterFormats.length > 1 && parameterFormats.length != count) {
      throw DbException.of(SqlState.PROTOCOL_VIOLATION, "bind message has " + parameterFormats.length
          + " parameter formats but " + count + " parameters");
    }
    byte[][] raw = new byte[count][];
    for (int i = 0; i < count; i++) {
      int length = in.readInt32();
      raw[i] = length == -1 ? null : in.readBytes(length);
    }
    short[] resultFormats = readFormats(in);
    in.expectEnd();

    List<DataType> types = session.describeStatement(statement).parameterTypes();
    if (types.size() != count) {
      throw DbException.of(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + count
          + " parameters, but prepared statement \"" + statement + "\" requires " + types.size());
    }
    Object[] values = new Object[count];
    for (int i = 0; i < count; i++) {
      short format = parameterFormats.length == 0 ? 0 : parameterFormats[parameterFormats.length == 1 ? 0 : i];
      values[i] = raw[i] == null ? null : decodeParameter(types.get(i).type(), format, raw[i], i + 1);
    }
    session.bind(portal, statement, values, resultFormats);
    BackendMessages.bindComplete(out);
  }

  private Object decodeParameter(PgType type, short format, byte[] bytes, int number) {
    if (format == 1) {
      try {
        return BinaryFormat.decode(type, bytes);
      } catch (DbException e) {
        if (!e.sqlState().equals(SqlState.INVALID_BINARY_REPRESENTATION)) throw e;
        throw DbException.of(SqlState.INVALID_BINARY_REPRESENTATION,
            "incorrect binary data format in bind parameter " + number, e);
      }
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    return TextFormat.parse(type, text, connection.timeZone());
  }

  /** Format codes: each must be 0 (text) or 1 (binary), as PostgreSQL checks. */
  private static short[] readFormats(MessageReader in) {
    int count = in.readInt16();
    if (count < 0) throw MessageReader.contentError("invalid message format");
    short[] formats = new short[count];
    for (int i = 0; i < count; i++) {
      formats[i] = in.readInt16();
      if (formats[i] != 0 && formats[i] != 1) {
        throw DbException.of(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + formats[i]);
      }
    }
    return formats;
  }

  void describe(Session session, MessageReader in) {
    byte kind = in.readByte();
    String name = in.readCString();
    in.expectEnd();
    switch (kind) {
      case 'S' -> {
        StatementDescription d = session.describeStatement(name);
        List<Integer> oids = new ArrayList<>(d.parameterTypes().size());
        for (DataType t : d.parameterTypes()) oids.add(t.type().oid());
        BackendMessages.parameterDescription(out, oids);
        if (d.returnsRows()) {
          // Before Bind the result formats are unknown: PostgreSQL reports text (0) here.
          BackendMessages.rowDescription(out, d.columns(), new short[d.columns().size()]);
        } else {
          BackendMessages.noData(out);
        }
      }
      case 'P' -> {
        PortalDescription d = session.describePortal(name);
        if (d.returnsRows()) {
          BackendMessages.rowDescription(out, d.columns(), expandFormats(d.resultFormats(), d.columns().size()));
        } else {
          BackendMessages.noData(out);
        }
      }
      default -> throw DbException.of(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + kind);
    }
  }

  /** Execute; returns the sink so the caller can see whether the portal was suspended or failed. */
  WireQuerySink execute(Session session, MessageReader in) {
    String portal = in.readCString();
    int maxRows = in.readInt32();
    in.expectEnd();
    PortalDescription d = session.describePortal(portal);
    WireQuerySink sink = WireQuerySink.forPortal(connection, out, d.columns(),
        expandFormats(d.resultFormats(), d.columns().size()));
    session.execute(portal, Math.max(maxRows, 0), sink);
    return sink;
  }

  /** Bind's rule for result formats: none means all text, one applies to every column, else one each. */
  static short[] expandFormats(short[] formats, int columns) {
    if (formats != null && formats.length == columns) return formats;
    short[] expanded = new short[columns];
    if (formats != null && formats.length == 1) java.util.Arrays.fill(expanded, formats[0]);
    else if (formats != null && formats.length > 1) {
      throw DbException.of(SqlState.PROTOCOL_VIOLATION, "bind message has " + formats.length
          + " result formats but query has " + columns + " columns");
    }
    return expanded;
  }

  void close(Session session, MessageReader in) {
    byte kind = in.readByte();
    String name = in.readCString();
    in.expectEnd();
    if (kind != 'S' && kind != 'P') {
      throw DbException.of(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + kind);
    }
    session.close((char) kind, name);
    BackendMessages.closeComplete(out);
  }
}
