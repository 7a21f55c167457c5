package org.minidb.planner.ddl;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;

/**
 * The name PostgreSQL's FigureColname gives an index expression, for its pg_attribute row and the index's default
 * name ({@code t_lower_idx}): a function call's name, a cast's operand's name, else {@code expr}.
 */
final class IndexExpressionNames {
  private IndexExpressionNames() {}

  static String figure(SqlNode e) {
    if (e instanceof SqlBasicCall call) {
      if (call.getKind() == SqlKind.CAST) return figure(call.operand(0));
      if (call.getOperator() instanceof SqlUnresolvedFunction || call.getOperator() instanceof SqlFunction) {
        return Identifiers.truncate(call.getOperator().getName().toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (e instanceof org.apache.calcite.sql.SqlIdentifier id) {
      return Identifiers.truncate(id.names.get(id.names.size() - 1));
    }
    return "expr";
  }
}
