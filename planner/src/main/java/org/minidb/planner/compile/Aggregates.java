package org.minidb.planner.compile;

import java.util.List;
import org.apache.calcite.rel.core.AggregateCall;
import org.minidb.common.types.DataType;
import org.minidb.planner.catalog.TypeMapping;

/** Maps Calcite aggregate calls onto the executor's (count, sum, avg, min, max, optionally DISTINCT; string_agg). */
final class Aggregates {
  private Aggregates() {}

  /**
   * @param filteredArgument for an aggregate with FILTER, the column holding its argument where the filter
   *     holds and NULL elsewhere (see {@code PlanBuilder.aggregate}); -1 otherwise
   */
  static org.minidb.executor.plan.AggregateCall convert(AggregateCall c, List<DataType> inputTypes,
      int filteredArgument, List<org.minidb.executor.plan.SortKey> orderBy) {
    if (AggregateBuilder.isStringAgg(c)) {
      if (c.isDistinct()) throw ExprCompiler.unsupported("string_agg(DISTINCT ...)");
      // The argument is the packed column built below the aggregate.
      return new org.minidb.executor.plan.AggregateCall("string_agg", filteredArgument, false, DataType.TEXT,
          DataType.TEXT, orderBy);
    }
    if (c.getArgList().size() > 1) throw ExprCompiler.unsupported("aggregate with several arguments");
    if (!c.collation.getFieldCollations().isEmpty()) throw ExprCompiler.unsupported("ORDER BY in this aggregate");
    String function = switch (c.getAggregation().getKind()) {
      case COUNT -> "count";
      case SUM, SUM0 -> "sum";
      case AVG -> "avg";
      case MIN -> "min";
      case MAX -> "max";
      default -> throw ExprCompiler.unsupported("aggregate " + c.getAggregation().getName().toLowerCase());
    };
    int arg = filteredArgument >= 0 ? filteredArgument : c.getArgList().isEmpty() ? -1 : c.getArgList().get(0);
    DataType argType = arg < 0 ? null : inputTypes.get(arg);
    return new org.minidb.executor.plan.AggregateCall(function, arg, c.isDistinct(), argType,
        TypeMapping.resultType(c.getType()));
  }
}
