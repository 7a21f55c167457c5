package org.minidb.sql.session;

import java.util.List;
import org.minidb.sql.engine.CustomPlanChoice;
import org.minidb.common.types.DataType;
import org.minidb.planner.Statement;
import org.minidb.sql.parse.UtilityCommand;

/**
 * A prepared statement of a session (from Parse): its text, and either a utility command or the planner's
 * result for the catalog version it was planned against (re-planned when the catalog moves on).
 *
 * @param parameterTypes the types the client gave in Parse (null entries: infer)
 * @param choice for a named statement with a plan, its custom/generic plan state; null for the unnamed statement
 *     (clients re-Parse it for each execution: it always runs the generic plan, found in the plan cache)
 */
record PreparedStatementEntry(String sql, List<DataType> parameterTypes, UtilityCommand utility,
    Statement statement, long catalogVersion, CustomPlanChoice choice) {
  PreparedStatementEntry(String sql, List<DataType> parameterTypes, UtilityCommand utility, Statement statement,
      long catalogVersion) {
    this(sql, parameterTypes, utility, statement, catalogVersion, null);
  }

  /** The same, with custom/generic plan state of its own (a named statement). */
  PreparedStatementEntry named() {
    return statement instanceof org.minidb.planner.PlannedStatement
        ? new PreparedStatementEntry(sql, parameterTypes, utility, statement, catalogVersion, new CustomPlanChoice())
        : this;
  }

  /** The same, with the custom/generic plan state of the statement it re-plans (a named statement). */
  PreparedStatementEntry withChoice(CustomPlanChoice kept) {
    return statement instanceof org.minidb.planner.PlannedStatement
        ? new PreparedStatementEntry(sql, parameterTypes, utility, statement, catalogVersion, kept)
        : this;
  }

  boolean isEmpty() { return utility == null && statement == null; }
}
