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
}
