package org.minidb.planner;

import org.minidb.planner.parse.PgParser;
import org.minidb.planner.validate.ParsedSql;

/** The parser the planner uses for one statement's text. */
final class Parsers {
  private Parsers() {}

  static ParsedSql parse(String sql) { return ParsedSql.of(PgParser.parse(sql)); }
}
