package org.minidb.sql.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Parses COPY as PostgreSQL 15's grammar (gram.y CopyStmt) has it: {@code COPY [BINARY] table [(col, ...)]
 * FROM STDIN | TO STDOUT [[WITH] (option [value], ...)]}, the pre-9.0 option list ({@code [WITH] [BINARY]
 * [DELIMITER [AS] 'c'] [NULL [AS] 'n'] [CSV [HEADER] [QUOTE [AS] 'q'] [ESCAPE [AS] 'e']]}) and {@code COPY
 * (query) TO STDOUT}. Files and programs are refused: a server reading its own files is not built.
 */
public final class CopyParser {
  private record Token(String text, boolean word, boolean string, int start, int end) {}

  private final String sql;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private String format;
  private String delimiter;
  private String nullString;
  private Boolean header;
  private String quote;
  private String escape;

  private CopyParser(String sql) {
    this.sql = sql;
    tokenize();
  }

  /** Whether {@code sql} starts with the word COPY (then {@link #parse} must handle it). */
  public static boolean isCopy(String sql) {
    int i = 0;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
    return sql.regionMatches(true, i, "copy", 0, 4)
        && (i + 4 == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + 4)) && sql.charAt(i + 4) != '_');
  }

  public static CopyStatement parse(String sql) { return new CopyParser(sql).statement(); }

  private CopyStatement statement() {
    expectWord("copy");
    if (peekWord("binary")) {
      next();
      format = "binary";
    }
    List<String> table = List.of();
    List<String> columns = new ArrayList<>();
    String query = null;
    if (peekIs("(")) {
      int open = pos;
      int depth = 0;
      do {
        Token t = next();
        if (!t.string && t.text.equals("(")) depth++;
        if (!t.string && t.text.equals(")")) depth--;
      } while (depth > 0);
      query = sql.substring(tokens.get(open).end, tokens.get(pos - 1).start).trim();
    } else {
      table = qualifiedName();
      if (peekIs("(")) {
        next();
        do {
          columns.add(identifier());
        } while (accept(","));
        expect(")");
      }
    }
    boolean from;
    Token direction = next();
    if (direction.word && direction.text.equals("from")) {
      from = true;
    } else if (direction.word && direction.text.equals("to")) {
      from = false;
    } else {
      throw syntaxError(direction);
    }
    if (from && query != null) {
      throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"from\"");
    }
    Token target = next();
    if (target.word && (target.text.equals("stdin") || target.text.equals("stdout"))) {
      if (target.text.equals(from ? "stdout" : "stdin")) throw syntaxError(target);
    } else if (target.string || target.word && target.text.equals("program")) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + (from ? "FROM" : "TO")
          + " a file or program is not supported; use COPY " + (from ? "FROM STDIN" : "TO STDOUT") + " (psql's \\copy)");
    } else {
      throw syntaxError(target);
    }
    accept("with");
    if (peekIs("(")) {
      next();
      do {
        option();
      } while (accept(","));
      expect(")");
    } else {
      oldOptions();
    }
    accept(";");
    if (pos < tokens.size()) throw syntaxError(tokens.get(pos));
    return new CopyStatement(table, List.copyOf(columns), query, from,
        CopyOptions.of(format, delimiter, nullString, header, quote, escape));
  }

  /** A generic option: {@code name [value]}. */
  private void option() {
    String name = next().text;
    Token value = pos < tokens.size() && !peekIs(",") && !peekIs(")") ? next() : null;
    String v = value == null ? null : value.text;
    switch (name) {
      case "format" -> format = required(name, v).toLowerCase(Locale.ROOT);
      case "delimiter" -> delimiter = required(name, v);
      case "null" -> nullString = required(name, v);
      case "header" -> header = v == null || booleanValue(name, v);
      case "quote" -> quote = required(name, v);
      case "escape" -> escape = required(name, v);
      // FREEZE only lets PostgreSQL write the rows frozen (pgbench -i asks for it): the rows are the same without.
      case "freeze" -> { if (v != null) booleanValue(name, v); }
      case "encoding" -> encoding(v);
      case "force_quote", "force_not_null", "force_null" ->
          throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY option \"" + name + "\" is not supported yet");
      default -> throw DbException.of(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized");
    }
  }

  /** Client and server both speak UTF-8 only: that encoding is accepted, any other refused. */
  private static void encoding(String v) {
    String e = required("encoding", v).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    if (!e.equals("utf8") && !e.equals("unicode")) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY ENCODING \"" + v + "\" is not supported: only UTF8");
    }
  }

  private static String required(String name, String value) {
    if (value == null) throw DbException.of(SqlState.SYNTAX_ERROR, name + " requires a parameter");
    return value;
  }

  private static boolean booleanValue(String name, String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "on", "1", "t", "yes" -> true;
      case "false", "off", "0", "f", "no" -> false;
      default -> throw DbException.of(SqlState.SYNTAX_ERROR, name + " requires a Boolean value");
    };
  }

  /** The options before PostgreSQL 9.0, still accepted: BINARY, DELIMITER, NULL, CSV, HEADER, QUOTE, ESCAPE. */
  private void oldOptions() {
    while (pos < tokens.size() && !peekIs(";")) {
      Token t = next();
      switch (t.word ? t.text : "") {
        case "binary" -> format = "binary";
        case "delimiter" -> delimiter = stringAfterAs();
        case "null" -> nullString = stringAfterAs();
        case "csv" -> format = "csv";
        case "header" -> header = true;
        case "quote" -> quote = stringAfterAs();
        case "escape" -> escape = stringAfterAs();
        case "freeze" -> { }
        case "encoding" -> encoding(stringAfterAs());
        case "force" ->
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY option \"" + t.text + "\" is not supported yet");
        default -> throw syntaxError(t);
      }
    }
  }

  private String stringAfterAs() {
    accept("as");
    Token t = next();
    if (!t.string) throw syntaxError(t);
    return t.text;
  }

  private List<String> qualifiedName() {
    List<String> name = new ArrayList<>();
    name.add(identifier());
    while (accept(".")) name.add(identifier());
    return name;
  }

  private String identifier() {
    Token t = next();
    if (!t.word) throw syntaxError(t);
    return t.text;
  }

  private boolean accept(String text) {
    if (peekIs(text)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String text) {
    Token t = next();
    if (t.string || !t.text.equals(text)) throw syntaxError(t);
  }

  private void expectWord(String word) {
    Token t = next();
    if (!t.word || !t.text.equals(word)) throw syntaxError(t);
  }

  private boolean peekIs(String text) {
    return pos < tokens.size() && !tokens.get(pos).string && tokens.get(pos).text.equals(text);
  }

  private boolean peekWord(String word) { return peekIs(word) && tokens.get(pos).word; }

  private Token next() {
    if (pos >= tokens.size()) throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at end of input");
    return tokens.get(pos++);
  }

  private DbException syntaxError(Token t) {
    return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + sql.substring(t.start, t.end) + "\"")
        .withPosition(t.start + 1);
  }

  /** Words (folded to lower case unless double-quoted), string constants (also E'...'), punctuation. */
  private void tokenize() {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        i = quoted(i, i + 1, '\'', true);
      } else if (c == '\'') {
        i = quoted(i, i, '\'', false);
      } else if (c == '"') {
        i = quoted(i, i, '"', false);
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
        tokens.add(new Token(sql.substring(start, i).toLowerCase(Locale.ROOT), true, false, start, i));
      } else {
        tokens.add(new Token(String.valueOf(c), false, false, i, i + 1));
        i++;
      }
    }
  }

  /** A quoted token from {@code start} (its quote at {@code open}); returns the index after it. */
  private int quoted(int start, int open, char q, boolean escapes) {
    StringBuilder text = new StringBuilder();
    int i = open + 1;
    int n = sql.length();
    while (true) {
      if (i >= n) {
        throw DbException.of(SqlState.SYNTAX_ERROR, q == '"' ? "unterminated quoted identifier"
            : "unterminated quoted string at or near \"" + sql.substring(start) + "\"").withPosition(start + 1);
      }
      char c = sql.charAt(i);
      if (c == q) {
        if (i + 1 < n && sql.charAt(i + 1) == q) {
          text.append(q);
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (escapes && c == '\\' && i + 1 < n) {
        char e = sql.charAt(i + 1);
        text.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case 'b' -> '\b';
          case 'f' -> '\f';
          default -> e;
        });
        i += 2;
        continue;
      }
      text.append(c);
      i++;
    }
    tokens.add(new Token(text.toString(), q == '"', q == '\'', start, i));
    return i;
  }
}
