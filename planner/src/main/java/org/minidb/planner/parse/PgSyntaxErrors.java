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

  /** What the generated parser threw, in PostgreSQL's terms. */
  static DbException of(Throwable thrown, PgSqlParserImpl parser, PgLexicalFront.Result lexed) {
    if (thrown instanceof StackOverflowError) {
      return DbException.of(STATEMENT_TOO_COMPLEX, "stack depth limit exceeded", thrown);
    }
    if (thrown instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
      Token token = offendingToken(pe);
      if (token.kind == PgSqlParserImplConstants.EOF) {
        return endOfInput(lexed, thrown);
      }
      return atOrNear(lexed, lexed.source().originalOffset(token.beginLine, token.beginColumn), thrown);
    }
    return of(parser.normalizeException(thrown), lexed);
  }

  /** PostgreSQL's statement_too_complex, raised for "stack depth limit exceeded". */
  private static final String STATEMENT_TOO_COMPLEX = "54001";

  static DbException of(SqlParseException e, PgLexicalFront.Result lexed) {
    SourceMap map = lexed.source();
    int line = -1;
    int column = -1;
    boolean end = false;
    if (e.getPos() != null && e.getPos().getLineNum() > 0) {
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

  /**
   * The token parsing could not get past. When a multi-token LOOKAHEAD fails, JavaCC reports the first
   * token of the attempted sequence ({@code Encountered "+ <EOF>"}); PostgreSQL's parser, LALR(1), names the
   * first token that fits no rule. That is the token after the longest prefix of the input that some
   * expected sequence matches.
   */
  private static Token offendingToken(ParseException pe) {
    Token first = pe.currentToken.next;
    if (pe.expectedTokenSequences == null) return first;
    int best = 0;
    for (int[] sequence : pe.expectedTokenSequences) {
      int matched = 0;
      Token t = first;
      while (matched < sequence.length - 1 && t != null && t.kind == sequence[matched]) {
        matched++;
        t = t.next;
      }
      if (t != null) best = Math.max(best, matched);
    }
    Token t = first;
    for (int k = 0; k < best && t.next != null; k++) t = t.next;
    return t;
  }

  static DbException atOrNear(PgLexicalFront.Result lexed, SqlParserPos pos) {
    return atOrNear(lexed, lexed.source().originalOffset(pos.getLineNum(), pos.getColumnNum()), null);
  }

  private static DbException atOrNear(PgLexicalFront.Result lexed, int offset, Throwable cause) {
    SourceMap map = lexed.source();
    String token = PgTokens.tokenAt(map.original(), offset);
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
