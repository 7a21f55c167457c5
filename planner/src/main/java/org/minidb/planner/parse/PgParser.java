package org.minidb.planner.parse;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.SourceStringReader;
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
    PgSqlParserImpl parser = newParser(lexed.source().parsed());
    SqlNode node;
    try {
      node = parser.parseSqlStmtEof();
    } catch (Throwable t) {
      throw PgSyntaxErrors.of(t, parser, lexed);
    }
    checkUtility(node, lexed);
    return new ParsedStatement(node, lexed.parameterNumbers(), lexed.source(), lexed.locking());
  }

  /** Parses one expression, e.g. the text of a column DEFAULT or a CHECK constraint. */
  public static ParsedStatement parseExpression(String sql) {
    PgLexicalFront.Result lexed = PgLexicalFront.rewrite(sql);
    PgSqlParserImpl parser = newParser(lexed.source().parsed());
    try {
      return new ParsedStatement(parser.parseSqlExpressionEof(), lexed.parameterNumbers(), lexed.source());
    } catch (Throwable t) {
      throw PgSyntaxErrors.of(t, parser, lexed);
    }
  }

  /**
   * A parser set up as {@code SqlParser.create(text, CONFIG)} sets it up. It is driven directly, not through
   * SqlParser, because SqlParser hands back errors already rewritten: for a keyword where an identifier could
   * stand, Calcite replaces JavaCC's exception by one without the tokens, and the token PostgreSQL would
   * name can no longer be found.
   */
  private static PgSqlParserImpl newParser(String text) {
    PgSqlParserImpl parser = (PgSqlParserImpl) CONFIG.parserFactory().getParser(new SourceStringReader(text));
    parser.setTabSize(1);
    parser.setQuotedCasing(CONFIG.quotedCasing());
    parser.setUnquotedCasing(CONFIG.unquotedCasing());
    parser.setIdentifierMaxLength(CONFIG.identifierMaxLength());
    parser.setTimeUnitCodes(CONFIG.timeUnitCodes());
    parser.setConformance(CONFIG.conformance());
    parser.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(CONFIG));
    return parser;
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
