package org.minidb.planner.validate;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.minidb.planner.parse.ParsedStatement;
import org.minidb.planner.parse.PgLockingClause;
import org.minidb.planner.parse.SourceMap;

/**
 * One parsed statement, as the planner's stages use it.
 *
 * @param parameterIndexes for the i-th {@code ?} of the parsed text (Calcite's dynamic parameter i), the
 *     0-based PostgreSQL parameter number ({@code $1} is 0)
 * @param source maps parser positions back into the client's text
 * @param locking the statement's trailing {@code FOR UPDATE ...}, or null
 * @param distinctOnKeys the number of DISTINCT ON expressions of the outer SELECT, 0 if none ({@link DistinctOn})
 */
public record ParsedSql(SqlNode node, int[] parameterIndexes, SourceMap source, PgLockingClause locking,
    int distinctOnKeys) {
  /** A statement without a locking clause or DISTINCT ON (e.g. a view's query). */
  public ParsedSql(SqlNode node, int[] parameterIndexes, SourceMap source) {
    this(node, parameterIndexes, source, null, 0);
  }

  public static ParsedSql of(ParsedStatement statement) {
    int[] numbers = statement.parameterNumbers();
    int[] indexes = new int[numbers.length];
    for (int i = 0; i < numbers.length; i++) indexes[i] = numbers[i] - 1;
    ParsedSql parsed = new ParsedSql(statement.node(), indexes, statement.source(), statement.locking(), 0);
    try {
      int distinctOnKeys = DistinctOn.extract(statement.node());
      SelectListSetReturningFunctions.rewrite(statement.node());
      return new ParsedSql(statement.node(), indexes, statement.source(), statement.locking(), distinctOnKeys);
    } catch (PositionedError e) {
      throw e.toDbException(parsed);
    }
  }

  /** PostgreSQL's 1-based character position of a parser (line, column), 0 when unknown. */
  public int position(int line, int column) {
    return line <= 0 ? 0 : source.position(new SqlParserPos(line, column));
  }

  public int position(SqlParserPos pos) { return source.position(pos); }
}
