package org.minidb.planner.parse;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;

/** Aggregate functions as the parser leaves them (unresolved, by name): for checks made before validation. */
public final class AggregateNames {
  private AggregateNames() {}

  private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "bool_and", "bool_or",
      "every", "string_agg", "array_agg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop",
      "var_samp");

  /** Whether a parsed call is an aggregate: resolved as one, or named as one. */
  public static boolean isAggregate(SqlCall call) {
    return call.getOperator().isAggregator()
        || AGGREGATES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT));
  }
}
