package org.minidb.planner.parse;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.validate.PgConformance;

/**
 * Parses one SQL statement of PostgreSQL's dialect: {@link PgLexicalFront} first, then the generated
 * {@link PgSqlParserImpl} (Calcite's grammar with our additions). Syntax errors come out as PostgreSQL's:
 * 42601 {@code syntax error at or near "tok"} or {@code syntax error at end of input}, with the 1-based
 * character position in the given text.
 *
 * <p>The session splits multi-statement strings and handles transaction control, SET, SHOW, COPY and the
 * other utility statements before calling this; a trailing semicolon is accepted.
 */
public final class PgParser {
  private PgParser() {}

  /** PostgreSQL's identifier rules: "..." quotes, unquoted names fold to lower case, names compare exactly. */
  public static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(PgSqlParserImpl.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true)
      // PostgreSQL truncates long names to 63 bytes (with a NOTICE) instead of refusing them.
      .withIdentifierMaxLength(Short.MAX_VALUE)
      .withConformance(PgConformance.INSTANCE);

  /** Parses one statement. */
  public static ParsedStatement parse(String sql) {
    PgLexicalFront.Result lexed = PgLexicalFront.rewrite(sql);
    SqlNode node;
    try {
      node = SqlParser.create(lexed.source().parsed(), CONFIG).parseStmt();
    } catch (SqlParseException e) {
      throw PgSyntaxErrors.of(e, lexed);
    }
    checkUtility(node, lexed);
    return new ParsedStatement(node, lexed.parameterNumbers(), lexed.source());
  }

  /** Parses one expression, e.g. the text of a column DEFAULT or a CHECK constraint. */
  public static ParsedStatement parseExpression(String sql) {
    PgLexicalFront.Result lexed = PgLexicalFront.rewrite(sql);
    try {
      SqlNode node = SqlParser.create(lexed.source().parsed(), CONFIG).parseExpression();
      return new ParsedStatement(node, lexed.parameterNumbers(), lexed.source());
    } catch (SqlParseException e) {
      throw PgSyntaxErrors.of(e, lexed);
    }
  }

  /** What PostgreSQL's grammar refuses but ours accepts, or refuses at analysis. */
  private static void checkUtility(SqlNode node, PgLexicalFront.Result lexed) {
    if (node instanceof PgCreateTable create && create.getReplace()) {
      throw PgSyntaxErrors.atOrNear(lexed, create.tablePos());
    }
    if (node instanceof SqlDdl && lexed.parameterNumbers().length > 0) {
      throw DbException.of(SqlState.UNDEFINED_PARAMETER,
              "there is no parameter $" + lexed.parameterNumbers()[0])
          .withPosition(lexed.source().characterPosition(lexed.parameterOffsets()[0]));
    }
  }

}
