package org.minidb.executor.plan;

import org.minidb.common.types.DataType;

/**
 * One aggregate of an {@link AggregateNode}.
 *
 * @param function count, sum, avg, min or max (lower case; more come later)
 * @param argument index of the argument column in the input row, or -1 for count(*)
 * @param distinct whether it aggregates distinct values only
 * @param argumentType type of the argument column (null for count(*))
 * @param resultType PostgreSQL's result type (sum(int4) is int8, avg(int4) is numeric, ...)
 */
public record AggregateCall(String function, int argument, boolean distinct, DataType argumentType,
    DataType resultType) {}
