package org.minidb.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * PostgreSQL's SQL-level prepared statements (prepare.c): {@code PREPARE name [ ( type [, ...] ) ] AS statement},
 * {@code EXECUTE name [ ( value [, ...] ) ]}, {@code EXPLAIN [ options ] EXECUTE ...} and
 * {@code DEALLOCATE [ PREPARE ] { name | ALL }}. Read from the raw text, because the statement after AS and the
 * values of EXECUTE are SQL of their own (expressions, types with modifiers, strings holding commas).
 */
public final class PreparedStatementSql {
  private PreparedStatementSql() {}

  /** What {@link #parse} finds. */
  public sealed interface Command permits Prepare, Execute, Deallocate {}

  /**
   * PREPARE: the statement's text and its declared parameter types as written (possibly fewer than used);
   * {@code statementOffset} is where the statement starts in the command's text (for error positions).
   */
  public record Prepare(String name, List<String> typeNames, List<Integer> typeOffsets, String statement,
      int statementOffset) implements Command {}

  /**
   * EXECUTE with its values as expression texts; {@code explain} is null, or the options between EXPLAIN and
   * EXECUTE as written ({@code "(COSTS OFF)"}, {@code "ANALYZE"}, or empty).
   */
  public record Execute(String name, List<String> values, List<Integer> valueOffsets, String explain)
      implements Command {}

  /** DEALLOCATE of one statement, or of all when {@code name} is null. */
  public record Deallocate(String name) implements Command {}

  /** The command in {@code sql}, or null when it is not one of these. */
  public static Command parse(String sql) {
    if (!mayBeOne(sql)) return null; // every simple-protocol query passes here: no scanner for the common case
    Scanner s = new Scanner(sql);
    String first = s.word();
    if (first == null) return null;
    switch (first) {
      case "prepare" -> {
        int mark = s.pos;
        String name = s.identifier();
        if (name == null || name.equals("transaction") && !s.atEnd() && !s.peek('(') && !s.peekWord("as")) {
          s.pos = mark;
          return null; // PREPARE TRANSACTION: the utility parser's
        }
        List<String> types = s.peek('(') ? s.list() : List.of();
        List<Integer> typeOffsets = types.isEmpty() ? List.of() : s.itemOffsets;
        if (!"as".equals(s.word())) throw s.syntaxError();
        if (s.atEnd()) throw s.syntaxError();
        int offset = s.pos;
        return new Prepare(name, types, typeOffsets, s.rest(), offset);
      }
      case "execute" -> {
        return execute(s, null);
      }
      case "deallocate" -> {
        int mark = s.pos;
        if (!"prepare".equals(s.word())) s.pos = mark;
        String name = s.identifier();
        if (name == null || !s.atEnd()) throw s.syntaxError();
        return new Deallocate(name.equals("all") && !s.lastQuoted ? null : name);
      }
      case "explain" -> {
        int start = s.pos;
        if (s.peek('(')) s.list();
        while (true) {
          int mark = s.pos;
          String w = s.word();
          if (w == null) return null;
          if (w.equals("execute")) return execute(s, sql.substring(start, mark).trim());
          if (!w.equals("analyze") && !w.equals("analyse") && !w.equals("verbose")) return null;
        }
      }
      default -> {
        return null;
      }
    }
  }

  /** A cheap look at the first word: PREPARE, EXECUTE, DEALLOCATE or EXPLAIN (or text starting with a comment). */
  private static boolean mayBeOne(String sql) {
    int i = 0;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
    if (i == sql.length()) return false;
    char c = Character.toLowerCase(sql.charAt(i));
    return c == 'p' || c == 'e' || c == 'd' || c == '-' || c == '/';
  }

  private static Execute execute(Scanner s, String explain) {
    String name = s.identifier();
    if (name == null) throw s.syntaxError();
    List<String> values = s.peek('(') ? s.list() : List.of();
    List<Integer> offsets = values.isEmpty() ? List.of() : s.itemOffsets;
    if (!s.atEnd()) throw s.syntaxError();
    return new Execute(name, values, offsets, explain);
  }

  /** A cursor over the text: words, identifiers, parenthesized lists, skipping blanks and comments. */
  private static final class Scanner {
    private final String sql;
    private int pos;
    private boolean lastQuoted;
    /** Where each item of the last {@link #list()} starts in the text. */
    private List<Integer> itemOffsets = List.of();

    Scanner(String sql) {
      String t = sql.stripTrailing();
      while (t.endsWith(";")) t = t.substring(0, t.length() - 1).stripTrailing();
      this.sql = t;
    }

    private void blanks() {
      while (pos < sql.length()) {
        char c = sql.charAt(pos);
        if (Character.isWhitespace(c)) {
          pos++;
        } else if (sql.startsWith("--", pos)) {
          int end = sql.indexOf('\n', pos);
          pos = end < 0 ? sql.length() : end + 1;
        } else if (sql.startsWith("/*", pos)) {
          int end = sql.indexOf("*/", pos + 2);
          pos = end < 0 ? sql.length() : end + 2;
        } else {
          return;
        }
      }
    }

    boolean atEnd() {
      blanks();
      return pos >= sql.length();
    }

    boolean peek(char c) {
      blanks();
      return pos < sql.length() && sql.charAt(pos) == c;
    }

    boolean peekWord(String w) {
      int mark = pos;
      boolean is = w.equals(word());
      pos = mark;
      return is;
    }

    /** An unquoted word, lower-cased, or null. */
    String word() {
      blanks();
      int start = pos;
      while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) pos++;
      lastQuoted = false;
      return pos == start ? null : sql.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    /** A name: a word (folded to lower case) or a double-quoted identifier (kept as written). */
    String identifier() {
      if (!peek('"')) return word();
      int end = pos + 1;
      StringBuilder b = new StringBuilder();
      while (end < sql.length()) {
        char c = sql.charAt(end);
        if (c == '"') {
          if (end + 1 < sql.length() && sql.charAt(end + 1) == '"') {
            b.append('"');
            end += 2;
            continue;
          }
          pos = end + 1;
          lastQuoted = true;
          return b.toString();
        }
        b.append(c);
        end++;
      }
      throw DbException.of(SqlState.SYNTAX_ERROR, "unterminated quoted identifier");
    }

    /** {@code ( item [, ...] )}: the items' texts, split at commas outside parentheses, quotes and brackets. */
    List<String> list() {
      blanks();
      int depth = 0;
      int start = pos + 1;
      List<String> items = new ArrayList<>();
      List<Integer> offsets = new ArrayList<>();
      for (int i = pos; i < sql.length(); i++) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
          int end = i + 1;
          while (end < sql.length()) {
            if (sql.charAt(end) == c) {
              if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                end += 2; // a doubled quote inside
                continue;
              }
              break;
            }
            end++;
          }
          i = end;
        } else if (c == '(' || c == '[') {
          depth++;
        } else if (c == ')' || c == ']') {
          if (--depth == 0) {
            String last = sql.substring(start, i).strip();
            if (!last.isEmpty() || !items.isEmpty()) {
              items.add(last);
              offsets.add(itemStart(start));
            }
            if (items.stream().anyMatch(String::isEmpty)) throw syntaxError();
            pos = i + 1;
            itemOffsets = List.copyOf(offsets);
            return items;
          }
        } else if (c == ',' && depth == 1) {
          items.add(sql.substring(start, i).strip());
          offsets.add(itemStart(start));
          start = i + 1;
        }
      }
      throw syntaxError();
    }

    private int itemStart(int from) {
      while (from < sql.length() && Character.isWhitespace(sql.charAt(from))) from++;
      return from;
    }

    String rest() {
      blanks();
      return sql.substring(pos);
    }

    DbException syntaxError() {
      blanks();
      if (pos >= sql.length()) return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at end of input");
      int end = pos;
      while (end < sql.length() && !Character.isWhitespace(sql.charAt(end)) && "(),;".indexOf(sql.charAt(end)) < 0) {
        end++;
      }
      String near = end == pos ? sql.substring(pos, pos + 1) : sql.substring(pos, end);
      return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"").withPosition(pos + 1);
    }
  }
}
