package org.minidb.planner.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.minidb.common.error.DbException;

class PgLexicalFrontTest {
  private static String parsed(String sql) {
    return PgLexicalFront.rewrite(sql).source().parsed();
  }

  @Test
  void parametersBecomeQuestionMarksInPlace() {
    PgLexicalFront.Result r = PgLexicalFront.rewrite("select $2, a$1, $10 + $2 from t where b = $1");
    assertEquals("select ? , a$1, ?   + ?  from t where b = ?", r.source().parsed());
    assertArrayEquals(new int[] {2, 10, 2, 1}, r.parameterNumbers());
    assertArrayEquals(new int[] {7, 16, 22, 42}, r.parameterOffsets());
  }

  @Test
  void parametersInsideQuotesAndCommentsStayText() {
    PgLexicalFront.Result r = PgLexicalFront.rewrite("select '$1', \"$2\", $$ $3 $$ -- $4\n/* $5 */ , $6");
    assertArrayEquals(new int[] {6}, r.parameterNumbers());
    assertEquals("select '$1', \"$2\", ' $3 '  \n  , ?", r.source().parsed());
  }

  @Test
  void dollarQuotedStringsBecomeStandardLiterals() {
    assertEquals("select 'it''s'", parsed("select $$it's$$"));
    assertEquals("select 'a$$b', 'x'", parsed("select $tag$a$$b$tag$, $_1$x$_1$"));
    assertEquals("select ''", parsed("select $$$$"));
  }

  @Test
  void escapeStringsAreDecoded() {
    assertEquals("select 'a\nb\tc''d\\e'", parsed("select E'a\\nb\\tc\\'d\\\\e'"));
    assertEquals("select 'AABC'", parsed("select e'\\x41\\101\\u0042\\U00000043'"));
    assertEquals("select 'é'", parsed("select E'\\xc3\\xa9'"));
    assertEquals("select 'x''y'", parsed("select E'x''y'"));
    // Not an escape string: E ends an identifier.
    assertEquals("select typE'x'", parsed("select typE'x'"));
  }

  @Test
  void badEscapesFailAsPostgresFails() {
    DbException nul = assertThrows(DbException.class, () -> parsed("select E'\\0'"));
    assertEquals("22021", nul.sqlState());
    assertEquals("invalid byte sequence for encoding \"UTF8\": 0x00", nul.getMessage());
    DbException bad = assertThrows(DbException.class, () -> parsed("select E'\\xff'"));
    assertEquals("invalid byte sequence for encoding \"UTF8\": 0xff", bad.getMessage());
    DbException unicode = assertThrows(DbException.class, () -> parsed("select E'\\u00'"));
    assertEquals("22025", unicode.sqlState());
    assertEquals(10, unicode.position());
  }

  @Test
  void nestedCommentsBecomeOneBlank() {
    assertEquals("select 1   + 2", parsed("select 1 /* a /* b */ c */ + 2 -- end"));
  }

  @Test
  void catalogQualifierIsDroppedFromFunctionCalls() {
    assertEquals("select count(i.x), array_position (a, b) from pg_catalog.pg_class",
        parsed("select pg_catalog.count(i.x), PG_CATALOG.array_position (a, b) from pg_catalog.pg_class"));
    SourceMap map = PgLexicalFront.rewrite("select pg_catalog.count(x)").source();
    assertEquals(18, map.origin()[map.parsed().indexOf("count")]);
  }

  @Test
  void trailingSemicolonsAreDropped() {
    PgLexicalFront.Result r = PgLexicalFront.rewrite("END; \n ;");
    assertEquals("END", r.source().parsed());
    assertEquals(3, r.strippedSemicolon());
    assertEquals(-1, PgLexicalFront.rewrite("select 1").strippedSemicolon());
  }

  @Test
  void questionMarkIsRefused() {
    DbException e = assertThrows(DbException.class, () -> parsed("select ? from t"));
    assertEquals("42601", e.sqlState());
    assertEquals(8, e.position());
  }

  @Test
  void sourceMapPointsIntoTheOriginalText() {
    String sql = "select $$it's a 'test'$$, E'\\n', x from t";
    SourceMap map = PgLexicalFront.rewrite(sql).source();
    int x = map.parsed().indexOf(", x") + 2;
    assertEquals(sql.indexOf(", x") + 2, map.origin()[x]);
    assertEquals(sql.length(), map.origin()[map.parsed().length()]);
    // Lines and columns as the parser counts them (\r\n is one line break).
    String multi = "select a\r\nfrom t\n  where";
    SourceMap m = PgLexicalFront.rewrite(multi).source();
    assertEquals(multi.indexOf("where"), m.originalOffset(3, 3));
  }

  @Test
  void tokensAreCutAsPostgresCutsThem() {
    assertEquals("abc$1", PgTokens.tokenAt("abc$1 x", 0));
    assertEquals("'it''s'", PgTokens.tokenAt("'it''s' x", 0));
    assertEquals("E'a\\'b'", PgTokens.tokenAt("E'a\\'b' x", 0));
    assertEquals("\"q\"\"x\"", PgTokens.tokenAt("\"q\"\"x\" y", 0));
    assertEquals("$1", PgTokens.tokenAt("$1 x", 0));
    assertEquals("$t$a$t$", PgTokens.tokenAt("$t$a$t$ x", 0));
    assertEquals("1.5e-3", PgTokens.tokenAt("1.5e-3+1", 0));
    assertEquals("::", PgTokens.tokenAt("::int", 0));
    assertEquals("<=", PgTokens.tokenAt("<=1", 0));
    assertEquals("=", PgTokens.tokenAt("=-1", 0));
    assertEquals("!~*", PgTokens.tokenAt("!~* 'x'", 0));
    assertEquals(";", PgTokens.tokenAt(";", 0));
    assertEquals("", PgTokens.tokenAt("x", 1));
  }
}
