package org.minidb.planner.parse;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One statement as {@link PgParser} returns it.
 *
 * <p>SqlNodes are mutable (the validator rewrites them): parse again for every use, never cache the node.
 *
 * @param node the statement (or expression, for {@link PgParser#parseExpression})
 * @param parameterNumbers for the i-th {@code ?} in the parsed text, that is the i-th
 *     {@code SqlDynamicParam} (its {@code getIndex()} is i), the PostgreSQL parameter number it came from
 *     ({@code $1} is 1). A number may repeat ({@code $1} used twice) and come in any order.
 * @param source the original and the parsed text, to turn node positions into PostgreSQL positions
 * @param locking the statement's trailing {@code FOR UPDATE ...}, or null
 */
public record ParsedStatement(SqlNode node, int[] parameterNumbers, SourceMap source, PgLockingClause locking) {
  public ParsedStatement(SqlNode node, int[] parameterNumbers, SourceMap source) {
    this(node, parameterNumbers, source, null);
  }

  /** The highest {@code $n} used, 0 when there is none: how many parameters the statement declares. */
  public int parameterCount() {
    int max = 0;
    for (int p : parameterNumbers) max = Math.max(max, p);
    return max;
  }

  /** PostgreSQL's 1-based character position (in the client's text) of a node's start, or 0. */
  public int position(SqlParserPos pos) {
    return source.position(pos);
  }
}
