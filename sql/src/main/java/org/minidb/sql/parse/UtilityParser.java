package org.minidb.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Recognizes the utility statements the session handles itself (transaction control, SET, RESET, SHOW,
 * savepoints) from their leading keywords; everything else goes to the planner. Grammar as in PostgreSQL's
 * gram.y for these statements.
 */
public final class UtilityParser {
  private final List<String> tokens;
  private final List<Boolean> quoted;
  private int pos;

  private UtilityParser(String sql) {
    tokens = new ArrayList<>();
    quoted = new ArrayList<>();
    tokenize(sql);
  }

  /** The utility command in {@code sql}, or null if it is not a utility statement. */
  public static UtilityCommand parse(String sql) {
    if (!mayBeUtility(sql)) return null;
    UtilityParser p = new UtilityParser(sql);
    if (p.tokens.isEmpty() || p.quoted.get(0)) return null;
    return p.statement();
  }

  /** The first words {@link #statement()} handles: keep the two in step. */
  private static final java.util.Set<String> LEADING_WORDS = java.util.Set.of("begin", "start", "commit", "end",
      "rollback", "abort", "savepoint", "release", "prepare", "set", "reset", "show", "checkpoint", "lock",
      "vacuum", "truncate", "analyze", "analyse");

  /**
   * A cheap look at the first word, so that queries (the common case, on every statement) are not tokenized
   * here. Text that starts with a comment or a quote goes the full way.
   */
  private static boolean mayBeUtility(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n && Character.isWhitespace(sql.charAt(i))) i++;
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) i++;
    if (i == start) return true;
    return LEADING_WORDS.contains(sql.substring(start, i).toLowerCase(Locale.ROOT));
  }

  private UtilityCommand statement() {
    String first = next();
    return switch (first) {
      case "begin" -> {
        optional("work", "transaction");
        yield new UtilityCommand.Begin(modes());
      }
      case "start" -> {
        expect("transaction");
        yield new UtilityCommand.Begin(modes());
      }
      case "commit", "end" -> {
        if (peekIs("prepared")) yield new UtilityCommand.Unsupported("COMMIT PREPARED");
        optional("work", "transaction");
        chain();
        end();
        yield new UtilityCommand.Commit();
      }
      case "rollback", "abort" -> {
        if (peekIs("prepared")) yield new UtilityCommand.Unsupported("ROLLBACK PREPARED");
        optional("work", "transaction");
        if (peekIs("to")) {
          next();
          optional("savepoint");
          String name = identifier();
          end();
          yield new UtilityCommand.RollbackToSavepoint(name);
        }
        chain();
        end();
        yield new UtilityCommand.Rollback();
      }
      case "savepoint" -> {
        String name = identifier();
        end();
        yield new UtilityCommand.Savepoint(name);
      }
      case "release" -> {
        optional("savepoint");
        String name = identifier();
        end();
        yield new UtilityCommand.ReleaseSavepoint(name);
      }
      case "prepare" -> peekIs("transaction") ? new UtilityCommand.Unsupported("PREPARE TRANSACTION") : null;
      case "set" -> set();
      case "reset" -> {
        String name = settingName();
        end();
        yield new UtilityCommand.Reset(name.equals("all") ? null : name);
      }
      case "show" -> show();
      case "checkpoint" -> {
        end();
        yield new UtilityCommand.Checkpoint();
      }
      case "lock" -> lockTable();
      case "vacuum" -> vacuum();
      case "analyze", "analyse" -> analyze();
      case "truncate" -> truncate();
      default -> null;
    };
  }

  /**
   * VACUUM [ ( option [, ...] ) ] [ table [, ...] ] and the old VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE]
   * [ table [, ...] ]. Options are kept as written (lower case); the runner decides which it supports.
   */
  private UtilityCommand vacuum() {
    List<String> options = new ArrayList<>();
    if (peekIs("(")) {
      options.addAll(parenthesizedOptions());
    } else {
      while (peekIs("full") || peekIs("freeze") || peekIs("verbose") || peekIs("analyze") || peekIs("analyse")) {
        options.add(next());
      }
    }
    List<UtilityCommand.TableColumns> tables = tableAndColumnsList();
    end();
    return new UtilityCommand.Vacuum(options, tables);
  }

  /**
   * ANALYZE [ ( option [, ...] ) ] [ table [ (column [, ...]) ] [, ...] ] and the old ANALYZE [VERBOSE] ...
   * Options are kept as written (lower case); the runner decides which it supports.
   */
  private UtilityCommand analyze() {
    List<String> options = new ArrayList<>();
    if (peekIs("(")) {
      options.addAll(parenthesizedOptions());
    } else if (peekIs("verbose")) {
      options.add(next());
    }
    List<UtilityCommand.TableColumns> tables = tableAndColumnsList();
    end();
    return new UtilityCommand.Analyze(options, tables);
  }

  /** ( option [value] [, ...] ) of VACUUM and ANALYZE: the options switched on (VERBOSE true, FULL off, ...). */
  private List<String> parenthesizedOptions() {
    List<String> options = new ArrayList<>();
    expect("(");
    while (!peekIs(")")) {
      String option = identifier();
      if (!peekIs(",") && !peekIs(")")) {
        String value = next();
        if (List.of("false", "off", "0").contains(value)) option = null;
      }
      if (option != null) options.add(option);
      if (peekIs(",")) next();
    }
    expect(")");
    return options;
  }

  /** [ table [ (column [, ...]) ] [, ...] ] as VACUUM and ANALYZE take them. */
  private List<UtilityCommand.TableColumns> tableAndColumnsList() {
    List<UtilityCommand.TableColumns> tables = new ArrayList<>();
    while (pos < tokens.size()) {
      List<String> name = new ArrayList<>();
      name.add(identifier());
      while (peekIs(".")) {
        next();
        name.add(identifier());
      }
      List<String> columns = new ArrayList<>();
      if (peekIs("(")) {
        next();
        do {
          columns.add(identifier());
        } while (peekIs(",") && next() != null);
        expect(")");
      }
      tables.add(new UtilityCommand.TableColumns(List.copyOf(name), List.copyOf(columns)));
      if (peekIs(",")) next();
      else break;
    }
    return tables;
  }

  /** TRUNCATE [TABLE] [ONLY] name [*] [, ...] [CONTINUE IDENTITY | RESTART IDENTITY] [CASCADE | RESTRICT]. */
  private UtilityCommand truncate() {
    optional("table");
    List<List<String>> names = tableNames();
    if (peekIs("continue") || peekIs("restart")) {
      next();
      expect("identity");
    }
    boolean cascade = peekIs("cascade");
    if (cascade || peekIs("restrict")) next();
    end();
    return new UtilityCommand.Truncate(names, cascade);
  }

  /** [ONLY] name [*] [, ...] as LOCK and TRUNCATE take them. */
  private List<List<String>> tableNames() {
    List<List<String>> names = new ArrayList<>();
    do {
      optional("only");
      List<String> name = new ArrayList<>();
      name.add(identifier());
      while (peekIs(".")) {
        next();
        name.add(identifier());
      }
      if (peekIs("*")) next();
      names.add(name);
    } while (peekIs(",") && next() != null);
    return names;
  }

  /** LOCK [TABLE] [ONLY] name [*] [, ...] [IN lockmode MODE] [NOWAIT]. */
  private UtilityCommand lockTable() {
    optional("table");
    List<List<String>> names = tableNames();
    String mode = "access exclusive";
    if (peekIs("in")) {
      next();
      StringBuilder words = new StringBuilder();
      while (pos < tokens.size() && !peekIs("mode")) words.append(words.isEmpty() ? "" : " ").append(next());
      expect("mode");
      mode = words.toString();
    }
    boolean nowait = false;
    if (peekIs("nowait")) {
      next();
      nowait = true;
    }
    end();
    return new UtilityCommand.LockTable(names, mode, nowait);
  }

  private String identifier() {
    String t = next();
    if (t == null) throw syntax(null);
    return t;
  }

  private UtilityCommand set() {
    boolean local = false;
    if (peekIs("session")) {
      next();
      if (peekIs("characteristics")) {
        next();
        expect("as");
        expect("transaction");
        return new UtilityCommand.SetTransaction(modes(), true);
      }
    } else if (peekIs("local")) {
      next();
      local = true;
    }
    if (peekIs("transaction")) {
      next();
      if (peekIs("snapshot")) return new UtilityCommand.Unsupported("SET TRANSACTION SNAPSHOT");
      return new UtilityCommand.SetTransaction(modes(), false);
    }
    String name;
    if (peekIs("time") && pos + 1 < tokens.size() && tokens.get(pos + 1).equals("zone")) {
      next();
      next();
      name = "timezone";
      List<String> values = new ArrayList<>();
      String v = next();
      if (v == null) throw syntax(null);
      if (!v.equals("local") && !v.equals("default")) values.add(v);
      end();
      return new UtilityCommand.Set(name, values, local);
    }
    name = settingName();
    String eq = next();
    if (eq == null || !(eq.equals("to") || eq.equals("="))) throw syntax(eq);
    List<String> values = new ArrayList<>();
    while (true) {
      String v = next();
      if (v == null) throw syntax(null);
      if (v.equals("default") && !quoted.get(pos - 1) && values.isEmpty()) {
        end();
        return new UtilityCommand.Set(name, List.of(), local);
      }
      if (v.equals("-") && pos < tokens.size()) v = "-" + next();
      values.add(v);
      if (pos >= tokens.size()) break;
      String sep = next();
      if (!sep.equals(",")) throw syntax(sep);
    }
    return new UtilityCommand.Set(name, values, local);
  }

  private UtilityCommand show() {
    if (peekIs("time") && pos + 1 < tokens.size() && tokens.get(pos + 1).equals("zone")) {
      return new UtilityCommand.Show("timezone");
    }
    if (peekIs("transaction")) {
      next();
      expect("isolation");
      expect("level");
      return new UtilityCommand.Show("transaction_isolation");
    }
    String name = settingName();
    end();
    return new UtilityCommand.Show(name.equals("all") ? null : name);
  }

  /** A possibly dotted setting name (custom settings look like {@code myapp.flag}). */
  private String settingName() {
    String name = next();
    if (name == null) throw syntax(null);
    while (peekIs(".")) {
      next();
      name = name + "." + next();
    }
    return name;
  }

  private TransactionModes modes() {
    String isolation = null;
    Boolean readOnly = null;
    Boolean deferrable = null;
    while (pos < tokens.size()) {
      String t = next();
      switch (t) {
        case "," -> { }
        case "isolation" -> {
          expect("level");
          String a = next();
          if (a == null) throw syntax(null);
          isolation = switch (a) {
            case "serializable" -> "serializable";
            case "repeatable" -> { expect("read"); yield "repeatable read"; }
            case "read" -> {
              String b = next();
              if ("committed".equals(b)) yield "read committed";
              if ("uncommitted".equals(b)) yield "read uncommitted";
              throw syntax(b);
            }
            default -> throw syntax(a);
          };
        }
        case "read" -> {
          String b = next();
          if ("only".equals(b)) readOnly = true;
          else if ("write".equals(b)) readOnly = false;
          else throw syntax(b);
        }
        case "not" -> { expect("deferrable"); deferrable = false; }
        case "deferrable" -> deferrable = true;
        default -> throw syntax(t);
      }
    }
    return new TransactionModes(isolation, readOnly, deferrable);
  }

  private void chain() {
    if (peekIs("and")) {
      next();
      if (peekIs("no")) {
        next();
        expect("chain");
      } else {
        expect("chain");
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "AND CHAIN is not supported yet");
      }
    }
  }

  private void end() {
    if (pos < tokens.size()) throw syntax(tokens.get(pos));
  }

  private boolean peekIs(String word) {
    return pos < tokens.size() && !quoted.get(pos) && tokens.get(pos).equals(word);
  }

  private void optional(String... words) {
    for (String w : words) {
      if (peekIs(w)) {
        next();
        return;
      }
    }
  }

  private void expect(String word) {
    String t = next();
    if (!word.equals(t)) throw syntax(t);
  }

  private String next() { return pos < tokens.size() ? tokens.get(pos++) : null; }

  private static DbException syntax(String near) {
    return DbException.of(SqlState.SYNTAX_ERROR,
        near == null ? "syntax error at end of input" : "syntax error at or near \"" + near + "\"");
  }

  /** Words fold to lower case; quoted identifiers and string literals keep their text. */
  private void tokenize(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int e = sql.indexOf('\n', i);
        i = e < 0 ? n : e + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int e = sql.indexOf("*/", i + 2);
        i = e < 0 ? n : e + 2;
      } else if (c == '\'' || c == '"' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
        boolean escapes = c != '\'' && c != '"';
        if (escapes) i++;
        char q = sql.charAt(i);
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n) {
          char d = sql.charAt(i);
          if (escapes && d == '\\' && i + 1 < n) {
            sb.append(sql.charAt(i + 1));
            i += 2;
          } else if (d == q && i + 1 < n && sql.charAt(i + 1) == q) {
            sb.append(q);
            i += 2;
          } else if (d == q) {
            i++;
            break;
          } else {
            sb.append(d);
            i++;
          }
        }
        tokens.add(sb.toString());
        quoted.add(true);
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$'
            || (sql.charAt(i) == '.' && Character.isDigit(sql.charAt(s))))) {
          i++;
        }
        tokens.add(sql.substring(s, i).toLowerCase(Locale.ROOT));
        quoted.add(false);
      } else {
        tokens.add(String.valueOf(c));
        quoted.add(false);
        i++;
      }
    }
  }
}
