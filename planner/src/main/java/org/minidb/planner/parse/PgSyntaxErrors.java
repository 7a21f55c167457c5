package org.minidb.planner.parse;

import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Calcite's parse errors in PostgreSQL's words. PostgreSQL names only the token where parsing stopped
 * ({@code syntax error at or near "xyz"}, or {@code at end of input}) and its 1-based character position;
 * the token is cut from the client's text with PostgreSQL's lexical rules, so that a {@code $1} shows as
 * {@code $1}, not as the {@code ?} Calcite saw.
 */
final class PgSyntaxErrors {
  private PgSyntaxErrors() {}

  static DbException of(SqlParseException e, PgLexicalFront.Result lexed) {
    SourceMap map = lexed.source();
    int line = -1;
    int column = -1;
    boolean end = false;
    if (e.getCause() instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
      Token token = pe.currentToken.next;
      end = token.kind == PgSqlParserImplConstants.EOF;
      line = token.beginLine;
      column = token.beginColumn;
    } else if (e.getPos() != null && e.getPos().getLineNum() > 0) {
      line = e.getPos().getLineNum();
      column = e.getPos().getColumnNum();
    } else {
      end = true;
    }
    if (!end && PgSourceText.offset(map.parsed(), line, column) >= map.parsed().length()) {
      end = true;
    }
    if (end) {
      return endOfInput(lexed, e);
    }
    return atOrNear(lexed, map.originalOffset(line, column), e);
  }

  static DbException atOrNear(PgLexicalFront.Result lexed, SqlParserPos pos) {
    return atOrNear(lexed, lexed.source().originalOffset(pos.getLineNum(), pos.getColumnNum()), null);
  }

  private static DbException atOrNear(PgLexicalFront.Result lexed, int offset, Throwable cause) {
    SourceMap map = lexed.source();
    String token = PgLexicalFront.tokenAt(map.original(), offset);
    return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + token + "\"", cause)
        .withPosition(map.characterPosition(offset));
  }

  /** Parsing ran out of tokens: PostgreSQL would have stopped at the ';' we dropped, if there was one. */
  private static DbException endOfInput(PgLexicalFront.Result lexed, Throwable cause) {
    SourceMap map = lexed.source();
    if (lexed.strippedSemicolon() >= 0) {
      return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \";\"", cause)
          .withPosition(map.characterPosition(lexed.strippedSemicolon()));
    }
    return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at end of input", cause)
        .withPosition(map.characterPosition(map.original().length()));
  }
}
