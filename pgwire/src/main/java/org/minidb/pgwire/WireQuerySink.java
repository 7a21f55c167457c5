package org.minidb.pgwire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.types.PgType;
import org.minidb.common.types.TextFormat;
import org.minidb.planner.ResultColumn;
import org.minidb.sql.Notice;
import org.minidb.sql.QuerySink;

/**
 * Encodes a session's results as backend messages into the connection's output buffer.
 *
 * <p>Simple query: the session announces each result set with {@link #rowDescription}, which is sent with
 * text formats and fixes the column types of the DataRows that follow. Extended query (Execute): the portal's
 * columns and formats are known from Describe, so a RowDescription call only records the types and sends
 * nothing (Execute never sends RowDescription in PostgreSQL's protocol).
 */
final class WireQuerySink implements QuerySink {
  private final BackendConnection connection;
  private final OutputBuffer out;
  private final boolean extended;
  private PgType[] types;
  private short[] formats;
  private boolean suspended;
  private DbException error;

  private WireQuerySink(BackendConnection connection, OutputBuffer out, boolean extended, PgType[] types,
      short[] formats) {
    this.connection = connection;
    this.out = out;
    this.extended = extended;
    this.types = types;
    this.formats = formats;
  }

  static WireQuerySink simple(BackendConnection connection, OutputBuffer out) {
    return new WireQuerySink(connection, out, false, new PgType[0], new short[0]);
  }

  static WireQuerySink forPortal(BackendConnection connection, OutputBuffer out, List<ResultColumn> columns,
      short[] formats) {
    return new WireQuerySink(connection, out, true, typesOf(columns), formats);
  }

  /** Whether Execute stopped at its row limit (PortalSuspended was sent). */
  boolean suspended() { return suspended; }

  /** The error the session reported through the sink, if any. */
  DbException error() { return error; }

  @Override
  public void rowDescription(List<ResultColumn> columns) {
    types = typesOf(columns);
    if (extended) return;
    formats = new short[columns.size()];
    BackendMessages.rowDescription(out, columns, formats);
  }

  @Override
  public void dataRow(Object[] values) {
    if (values.length != types.length) {
      throw new IllegalStateException("DataRow with " + values.length + " values for " + types.length + " columns");
    }
    out.begin('D').int16(values.length);
    ByteBuf buf = out.raw();
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value == null) {
        buf.writeInt(-1);
        continue;
      }
      int lengthIndex = buf.writerIndex();
      buf.writeInt(0);
      if (formats[i] == 1) {
        BinaryFormat.encode(types[i], value, buf);
      } else {
        buf.writeCharSequence(TextFormat.format(types[i], value, connection.timeZone()), StandardCharsets.UTF_8);
      }
      buf.setInt(lengthIndex, buf.writerIndex() - lengthIndex - 4);
    }
    out.end();
  }

  @Override
  public org.minidb.sql.CopyInStream copyIn(int columns) {
    BackendMessages.copyResponse(out, 'G', columns);
    out.flush();
    return connection.copyInStream();
  }

  @Override
  public void copyOut(int columns) { BackendMessages.copyResponse(out, 'H', columns); }

  @Override
  public void copyData(byte[] data) { out.begin('d').bytes(data).end(); }

  @Override
  public void copyDone() { out.begin('c').end(); }

  @Override
  public void commandComplete(String tag) { BackendMessages.commandComplete(out, tag); }

  @Override
  public void emptyQuery() { BackendMessages.emptyQueryResponse(out); }

  @Override
  public void portalSuspended() {
    suspended = true;
    BackendMessages.portalSuspended(out);
  }

  @Override
  public void notice(Notice notice) { BackendMessages.noticeResponse(out, notice); }

  @Override
  public void parameterStatus(String name, String value) {
    BackendMessages.parameterStatus(out, name, value);
  }

  @Override
  public void error(DbException e) {
    error = e;
    BackendMessages.errorResponse(out, e);
    if (e.severity() != DbException.Severity.ERROR) connection.fatalReported();
  }

  private static PgType[] typesOf(List<ResultColumn> columns) {
    PgType[] t = new PgType[columns.size()];
    for (int i = 0; i < t.length; i++) t[i] = columns.get(i).type().type();
    return t;
  }
}
