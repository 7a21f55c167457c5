package org.minidb.planner.ddl;

import java.math.BigDecimal;
import java.util.Set;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.parse.PgStorageParameter;
import org.minidb.planner.parse.SourceMap;

/**
 * CREATE TABLE ... WITH (...): PostgreSQL's heap storage parameters are accepted (pgbench sends
 * {@code fillfactor=100}) and have no effect yet; fillfactor is range-checked as PostgreSQL checks it, an
 * unknown name is refused.
 */
final class StorageParameters {
  private StorageParameters() {}

  private static final Set<String> KNOWN = Set.of("fillfactor", "toast_tuple_target", "parallel_workers",
      "autovacuum_enabled", "vacuum_index_cleanup", "vacuum_truncate", "log_autovacuum_min_duration",
      "user_catalog_table");

  static void check(SqlNodeList parameters, SourceMap source) {
    for (SqlNode node : parameters) {
      PgStorageParameter parameter = (PgStorageParameter) node;
      String name = String.join(".", parameter.name().names);
      if (name.equals("fillfactor")) {
        int value = integer(name, parameter.value());
        if (value < 10 || value > 100) {
          throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
              "value " + value + " out of bounds for option \"fillfactor\"")
              .withDetail("Valid values are between \"10\" and \"100\".");
        }
      } else if (!KNOWN.contains(name) && !name.startsWith("autovacuum_") && !name.startsWith("toast.")) {
        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
      }
    }
  }

  /** An integer option's value: a number, or a string holding one; a bare name means "true". */
  private static int integer(String name, SqlNode value) {
    String text = value == null ? "true"
        : value instanceof SqlLiteral literal ? literal.toValue() : value.toString();
    try {
      return new BigDecimal(text.trim()).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for integer option \"" + name + "\": " + text, e);
    }
  }
}
