package org.minidb.executor.plan;

import org.minidb.common.types.DataType;

/**
 * One aggregate of an {@link AggregateNode}.
 *
 * @param function count, sum, avg, min, max or string_agg (lower case; more come later); string_agg
 *     reads one packed argument {value, delimiter, keys...} (see the executor's StringAgg)
 * @param argument index of the argument column in the input row, or -1 for count(*)
 * @param distinct whether it aggregates distinct values only
 * @param argumentType type of the argument column (null for count(*))
 * @param resultType PostgreSQL's result type (sum(int4) is int8, avg(int4) is numeric, ...)
 * @param orderBy the aggregate's own ORDER BY (string_agg), over the elements of its packed argument
 */
public record AggregateCall(String function, int argument, boolean distinct, DataType argumentType,
    DataType resultType, java.util.List<SortKey> orderBy) {
  public AggregateCall(String function, int argument, boolean distinct, DataType argumentType,
      DataType resultType) {
    this(function, argument, distinct, argumentType, resultType, java.util.List.of());
  }
}
