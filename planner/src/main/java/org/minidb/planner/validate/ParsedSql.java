package org.minidb.planner.validate;

import org.apache.calcite.sql.SqlNode;

/**
 * One parsed statement.
 *
 * @param parameterIndexes for the i-th {@code ?} of the parsed text (in Calcite's order of dynamic
 *     parameters), the 0-based PostgreSQL parameter number ({@code $1} is 0)
 */
public record ParsedSql(SqlNode node, int[] parameterIndexes) {}
