package org.minidb.sql;

import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.planner.ResultColumn;

/**
 * Where a session writes the results of a statement, in protocol order. Implemented by the wire front end,
 * which encodes each call as the matching backend message into its output buffer (and flushes only at
 * ReadyForQuery, a client Flush, PortalSuspended or a full buffer).
 */
public interface QuerySink {
  /** RowDescription (simple query protocol; the extended protocol asks through Describe instead). */
  void rowDescription(List<ResultColumn> columns);

  /** DataRow: one value per column, Java representations of the column types (null is SQL NULL). */
  void dataRow(Object[] values);

  /** CommandComplete with PostgreSQL's tag, e.g. {@code SELECT 3}, {@code INSERT 0 1}, {@code BEGIN}. */
  void commandComplete(String tag);

  /** EmptyQueryResponse: the query string held no statement. */
  void emptyQuery();

  /** PortalSuspended: Execute's row limit was reached and the portal can be resumed. */
  void portalSuspended();

  /** NoticeResponse (severity NOTICE or WARNING). */
  void notice(Notice notice);

  /** ParameterStatus: a reported setting changed (after SET, RESET, or at startup). */
  void parameterStatus(String name, String value);

  /** ErrorResponse (severity from the exception: ERROR or FATAL). */
  void error(DbException error);

  /**
   * COPY ... FROM STDIN: sends CopyInResponse (text format, {@code columns} columns) and flushes, then returns
   * the client's CopyData stream. The session reads it to the end (CopyDone) or until it fails.
   */
  default CopyInStream copyIn(int columns) {
    throw DbException.of(org.minidb.common.error.SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM STDIN is not supported here");
  }

  /** COPY ... TO STDOUT: sends CopyOutResponse (text format, {@code columns} columns). */
  default void copyOut(int columns) {
    throw DbException.of(org.minidb.common.error.SqlState.FEATURE_NOT_SUPPORTED, "COPY TO STDOUT is not supported here");
  }

  /** CopyData: one row of COPY TO STDOUT's output, with its line end. */
  default void copyData(byte[] data) { throw new UnsupportedOperationException("copyData"); }

  /** CopyDone: the end of COPY TO STDOUT's output (CommandComplete follows). */
  default void copyDone() { throw new UnsupportedOperationException("copyDone"); }
}
