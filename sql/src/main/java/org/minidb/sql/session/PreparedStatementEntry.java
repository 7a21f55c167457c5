package org.minidb.sql.session;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.planner.Statement;
import org.minidb.sql.parse.UtilityCommand;

/**
 * A prepared statement of a session (from Parse): its text, and either a utility command or the planner's
 * result for the catalog version it was planned against (re-planned when the catalog moves on).
 *
 * @param parameterTypes the types the client gave in Parse (null entries: infer)
 */
record PreparedStatementEntry(String sql, List<DataType> parameterTypes, UtilityCommand utility,
    Statement statement, long catalogVersion) {
  boolean isEmpty() { return utility == null && statement == null; }
}
