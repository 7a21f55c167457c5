package org.minidb.pgwire;

import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.planner.ResultColumn;
import org.minidb.sql.Notice;
import org.minidb.sql.TransactionStatus;

/** Encoders of the backend messages (PostgreSQL protocol 3.0), each appending one message to the buffer. */
final class BackendMessages {
  private BackendMessages() {}

  static void authenticationOk(OutputBuffer out) {
    out.begin('R').int32(0).end();
  }

  /**
   * NegotiateProtocolVersion. The first word is documented as the newest minor version, but PostgreSQL 15
   * sends the whole version number (3 &lt;&lt; 16 | minor), and newer libpq reads it that way.
   */
  static void negotiateProtocolVersion(OutputBuffer out, int newestMinor, List<String> unrecognizedOptions) {
    out.begin('v').int32((3 << 16) | newestMinor).int32(unrecognizedOptions.size());
    for (String option : unrecognizedOptions) out.cstring(option);
    out.end();
  }

  /**
   * An error in protocol 2.0's format ('E' and one zero-terminated string, no length or fields): the only
   * reply a 2.0 client can read, sent when it asks for that protocol, as PostgreSQL does.
   */
  static void protocol2Error(OutputBuffer out, DbException e) {
    out.int8('E').cstring(e.severity() + ":  " + e.getMessage() + "\n");
  }

  static void parameterStatus(OutputBuffer out, String name, String value) {
    out.begin('S').cstring(name).cstring(value).end();
  }

  static void backendKeyData(OutputBuffer out, int pid, int key) {
    out.begin('K').int32(pid).int32(key).end();
  }

  static void readyForQuery(OutputBuffer out, TransactionStatus status) {
    out.begin('Z').int8(status.indicator()).end();
  }

  /** RowDescription; {@code formats} holds one format code per column. */
  static void rowDescription(OutputBuffer out, List<ResultColumn> columns, short[] formats) {
    out.begin('T').int16(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      ResultColumn c = columns.get(i);
      out.cstring(c.name())
          .int32((int) c.tableOid())
          .int16(c.attnum())
          .int32(c.type().type().oid())
          .int16(c.type().type().typlen())
          .int32(c.type().typmod())
          .int16(formats[i]);
    }
    out.end();
  }

  static void parameterDescription(OutputBuffer out, List<Integer> typeOids) {
    out.begin('t').int16(typeOids.size());
    for (int oid : typeOids) out.int32(oid);
    out.end();
  }

  /** CopyInResponse ('G') or CopyOutResponse ('H'): overall format 0 (text, also CSV), every column text. */
  static void copyResponse(OutputBuffer out, char type, int columns) {
    out.begin(type).int8(0).int16(columns);
    for (int i = 0; i < columns; i++) out.int16(0);
    out.end();
  }

  static void commandComplete(OutputBuffer out, String tag) { out.begin('C').cstring(tag).end(); }

  static void emptyQueryResponse(OutputBuffer out) { out.begin('I').end(); }

  static void parseComplete(OutputBuffer out) { out.begin('1').end(); }

  static void bindComplete(OutputBuffer out) { out.begin('2').end(); }

  static void closeComplete(OutputBuffer out) { out.begin('3').end(); }

  static void noData(OutputBuffer out) { out.begin('n').end(); }

  static void portalSuspended(OutputBuffer out) { out.begin('s').end(); }

  /** ErrorResponse with the fields PostgreSQL sends: S, V, C, M and, when present, D, H, P. */
  static void errorResponse(OutputBuffer out, DbException e) {
    String severity = e.severity().name();
    out.discardOpenMessage(); // what a failed statement left half written
    out.begin('E');
    field(out, 'S', severity);
    field(out, 'V', severity);
    field(out, 'C', e.sqlState());
    field(out, 'M', e.getMessage() == null ? "" : e.getMessage());
    if (e.detail() != null) field(out, 'D', e.detail());
    if (e.hint() != null) field(out, 'H', e.hint());
    if (e.position() > 0) field(out, 'P', Integer.toString(e.position()));
    if (e.context() != null) field(out, 'W', e.context());
    out.int8(0).end();
  }

  static void noticeResponse(OutputBuffer out, Notice n) {
    out.begin('N');
    field(out, 'S', n.severity());
    field(out, 'V', n.severity());
    field(out, 'C', n.sqlState());
    field(out, 'M', n.message());
    if (n.detail() != null) field(out, 'D', n.detail());
    out.int8(0).end();
  }

  private static void field(OutputBuffer out, char code, String value) {
    out.int8(code).cstring(value);
  }
}
