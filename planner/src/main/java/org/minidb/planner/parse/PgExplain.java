package org.minidb.planner.parse;

import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.explain.ExplainOptions;

/**
 * PostgreSQL's {@code EXPLAIN [ ( option [value] [, ...] ) ] statement} and its older form
 * {@code EXPLAIN [ANALYZE] [VERBOSE] statement}, read before the statement itself is parsed (Calcite's own
 * EXPLAIN PLAN FOR is another syntax). Option names and values follow PostgreSQL's explain.c: booleans are
 * true/false/on/off/1/0 or omitted (true), FORMAT is text/xml/json/yaml.
 *
 * @param statementStart offset in the text where the explained statement begins
 */
public record PgExplain(boolean analyze, boolean verbose, boolean costs, boolean buffers, Boolean timing,
    Boolean summary, String format, int statementStart) {

  /** The options with PostgreSQL's defaults applied: TIMING and SUMMARY follow ANALYZE unless given. */
  public ExplainOptions options() {
    return new ExplainOptions(analyze, verbose, costs, buffers, timing == null ? analyze : timing,
        summary == null ? analyze : summary, format);
  }

  /** The EXPLAIN prefix of {@code sql}, or null when the statement is not an EXPLAIN. */
  public static PgExplain of(String sql) {
    Scanner s = new Scanner(sql);
    String first = s.word();
    if (!"explain".equals(first)) return null;
    boolean analyze = false;
    boolean verbose = false;
    boolean costs = true;
    boolean buffers = false;
    Boolean timing = null;
    Boolean summary = null;
    String format = "text";
    s.skipSpace();
    if (s.peek() == '(') {
      s.pos++;
      while (true) {
        int at = s.skipSpace();
        String name = s.word();
        if (name == null) throw syntax(sql, s.pos);
        int valueAt = s.skipSpace();
        String value = s.peek() == ',' || s.peek() == ')' ? null : s.value();
        switch (name) {
          case "analyze" -> analyze = bool(name, value);
          case "verbose" -> verbose = bool(name, value);
          case "costs" -> costs = bool(name, value);
          case "timing" -> timing = bool(name, value);
          case "buffers" -> buffers = bool(name, value);
          case "summary" -> summary = bool(name, value);
          case "settings", "wal" -> bool(name, value);
          case "format" -> {
            if (value == null || !value.matches("text|xml|json|yaml")) {
              throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized value for EXPLAIN option "
                  + "\"format\": \"" + value + "\"").withPosition(at + 1);
            }
            format = value;
          }
          default -> throw DbException.of(SqlState.SYNTAX_ERROR, "unrecognized EXPLAIN option \"" + name + "\"")
              .withPosition(at + 1);
        }
        s.skipSpace();
        char c = s.peek();
        s.pos++;
        if (c == ')') break;
        if (c != ',') throw syntax(sql, Math.max(valueAt, s.pos - 1));
      }
      if (Boolean.TRUE.equals(timing) && !analyze) {
        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option TIMING requires ANALYZE");
      }
    } else {
      int mark = s.pos;
      String w = s.word();
      if ("analyze".equals(w) || "analyse".equals(w)) {
        analyze = true;
        mark = s.pos;
        w = s.word();
      }
      if ("verbose".equals(w)) mark = s.pos;
      verbose = "verbose".equals(w);
      s.pos = mark;
    }
    return new PgExplain(analyze, verbose, costs, buffers, timing, summary, format, s.pos);
  }

  /** The text with the EXPLAIN prefix blanked out, so that error positions in the statement stay right. */
  public String statement(String sql) {
    return " ".repeat(statementStart) + sql.substring(statementStart);
  }

  private static boolean bool(String option, String value) {
    if (value == null) return true;
    return switch (value) {
      case "true", "on", "1", "yes" -> true;
      case "false", "off", "0", "no" -> false;
      default -> throw DbException.of(SqlState.SYNTAX_ERROR, option + " requires a Boolean value");
    };
  }

  private static DbException syntax(String sql, int at) {
    String near = at < sql.length() ? sql.substring(at).strip().split("[\\s(),]+", 2)[0] : "";
    return DbException.of(SqlState.SYNTAX_ERROR, near.isEmpty() ? "syntax error at end of input"
        : "syntax error at or near \"" + near + "\"").withPosition(at + 1);
  }

  /** Words (folded to lower case), quoted values, whitespace and -- comments. */
  private static final class Scanner {
    final String in;
    int pos;

    Scanner(String in) { this.in = in; }

    char peek() { return pos < in.length() ? in.charAt(pos) : '\0'; }

    int skipSpace() {
      while (pos < in.length()) {
        if (Character.isWhitespace(in.charAt(pos))) {
          pos++;
        } else if (in.startsWith("--", pos)) {
          int nl = in.indexOf('\n', pos);
          pos = nl < 0 ? in.length() : nl + 1;
        } else {
          break;
        }
      }
      return pos;
    }

    String word() {
      skipSpace();
      int start = pos;
      while (pos < in.length() && (Character.isLetterOrDigit(in.charAt(pos)) || in.charAt(pos) == '_')) pos++;
      return pos == start ? null : in.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    /** An option value: a word, a number or a quoted string. */
    String value() {
      if (peek() == '\'') {
        int end = in.indexOf('\'', pos + 1);
        if (end < 0) end = in.length() - 1;
        String v = in.substring(pos + 1, end);
        pos = end + 1;
        return v.toLowerCase(Locale.ROOT);
      }
      return word();
    }
  }
}
