package org.minidb.planner.parse;

import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The text the client sent and the text Calcite parsed ({@link PgLexicalFront}'s rewriting of it), with the
 * offset in the former of every character of the latter. It turns a parser position (line, column in the
 * parsed text) into PostgreSQL's error position: the 1-based character index in the client's text.
 *
 * @param origin for each offset of {@code parsed}, the offset in {@code original} it came from; one more
 *     element maps the end of {@code parsed} to the end of {@code original}
 */
public record SourceMap(String original, String parsed, int[] origin) {
  /** Offset in the original text of the parser's (line, column), or the original length past the end. */
  public int originalOffset(int line, int column) {
    int offset = PgSourceText.offset(parsed, line, column);
    return origin[Math.min(offset, origin.length - 1)];
  }

  /** PostgreSQL's 1-based character position of the start of {@code pos}, 0 when unknown. */
  public int position(SqlParserPos pos) {
    if (pos == null || pos.getLineNum() <= 0) return 0;
    return characterPosition(originalOffset(pos.getLineNum(), pos.getColumnNum()));
  }

  /** PostgreSQL's 1-based character position of an offset in the original text (code points, not chars). */
  public int characterPosition(int originalOffset) {
    return original.codePointCount(0, Math.min(originalOffset, original.length())) + 1;
  }
}
