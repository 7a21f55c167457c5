package org.minidb.planner.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Calcite's core parser with PostgreSQL's lexical settings, used only until the generated PostgreSQL parser
 * is available. {@code $n} becomes {@code ?} padded with blanks so that positions stay those of the text.
 */
public final class FallbackParser {
  private FallbackParser() {}

  public static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(SqlParserImpl.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true)
      .withConformance(PgConformance.INSTANCE);

  public static ParsedSql parse(String sql) {
    List<Integer> indexes = new ArrayList<>();
    String text = rewriteParameters(sql, indexes);
    try {
      SqlNode node = SqlParser.create(text, CONFIG).parseStmt();
      return new ParsedSql(node, indexes.stream().mapToInt(Integer::intValue).toArray());
    } catch (SqlParseException e) {
      int pos = e.getPos() == null ? 0 : Positions.offset(sql, e.getPos());
      throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error", e).withPosition(pos);
    }
  }

  /** Replaces {@code $n} outside quotes and comments by {@code ?} and blanks; records n - 1 per occurrence. */
  static String rewriteParameters(String sql, List<Integer> indexes) {
    StringBuilder out = new StringBuilder(sql);
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n && sql.charAt(j) != c) j++;
        i = j + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int j = sql.indexOf('\n', i);
        i = j < 0 ? n : j + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int j = sql.indexOf("*/", i + 2);
        i = j < 0 ? n : j + 2;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
          && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
        int j = i + 1;
        while (j < n && Character.isDigit(sql.charAt(j))) j++;
        indexes.add(Integer.parseInt(sql.substring(i + 1, j)) - 1);
        out.setCharAt(i, '?');
        for (int k = i + 1; k < j; k++) out.setCharAt(k, ' ');
        i = j;
      } else {
        i++;
      }
    }
    return out.toString();
  }
}
