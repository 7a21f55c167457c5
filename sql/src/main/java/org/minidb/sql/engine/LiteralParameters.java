package org.minidb.sql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.minidb.common.types.DataType;

/**
 * Auto-parameterisation of a simple-protocol statement for the plan cache: {@code UPDATE t SET a = a + -5 WHERE
 * id = 7} becomes {@code UPDATE t SET a = a + -$1 WHERE id = $2} with the int4 values 5 and 7, so that the same
 * statement with other literals (pgbench {@code -M simple}) finds its plan in the cache instead of being planned
 * again.
 *
 * <p>Only where the result is exactly the same as planning the literal: PostgreSQL types an integer literal of at
 * most 2147483647 as int4, and a parameter declared int4 has that type too, so operator resolution, assignment
 * casts and result column names (a bare {@code $1} is {@code ?column?} like {@code 5}) do not change. Replaced are
 * such literals (and nothing else: no strings, decimals, larger integers) in SELECT, INSERT, UPDATE and DELETE, when
 * they are
 * <ul>
 *   <li>the right operand of a comparison ({@code = <> != < <= > >=}), also behind unary minus or plus;</li>
 *   <li>the right operand of binary {@code +} or {@code -} whose left operand is a column name (so that no
 *       expression of constants that PostgreSQL would fold while planning, and fail in, e.g. on overflow, becomes
 *       one evaluated per row);</li>
 *   <li>an element of a VALUES row.</li>
 * </ul>
 * Never replaced: a literal followed by {@code ::}, {@code .} or {@code [}, ordinals ({@code ORDER BY 1}), type
 * modifiers ({@code numeric(10, 2)}), function arguments; a statement with LIMIT, OFFSET or FETCH, a {@code $}
 * (parameters, dollar quotes) or a backslash (E'' strings) anywhere, or more than 64 such literals, is left alone. A statement whose rewritten form
 * fails to plan is planned as written, so errors keep their text and position.
 */
public final class LiteralParameters {
  private LiteralParameters() {}

  /** The rewritten text, its parameter types (all int4) and the literals' values, in parameter order. */
  public record Parameterized(String sql, List<DataType> types, Object[] values) {}

  private enum Kind { WORD, QUOTED, NUMBER, STRING, OPERATOR, PUNCT }

  private record Token(Kind kind, String text, int start, int end) {}

  /** Statements with more literals than this are left as written. */
  static final int MAX_PARAMETERS = 64;
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");
  private static final Set<String> STATEMENTS = Set.of("select", "insert", "update", "delete");
  private static final Set<String> REFUSED = Set.of("limit", "offset", "fetch");
  /** Words that end a VALUES list at its depth or are never a column reference. */
  private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "or", "not", "set", "values",
      "returning", "on", "then", "else", "when", "case", "end", "by", "having", "as", "is", "in", "like", "between",
      "null", "true", "false", "default", "distinct", "all", "any", "some", "exists", "union", "except", "intersect");

  /** The parameterised form, or null when the statement has no literal to replace or is not one this handles. */
  public static Parameterized of(String sql) {
    if (sql.indexOf('$') >= 0 || sql.indexOf('\\') >= 0) return null;
    List<Token> tokens = tokenize(sql);
    if (tokens == null || tokens.isEmpty() || tokens.getFirst().kind != Kind.WORD
        || !STATEMENTS.contains(lower(tokens.getFirst()))) {
      return null;
    }
    for (Token t : tokens) if (t.kind == Kind.WORD && REFUSED.contains(lower(t))) return null;
    List<Integer> replaced = new ArrayList<>();
    // Per open parenthesis or bracket: whether it is a row of VALUES. valuesDepth: depth of the VALUES list, or -1.
    List<Boolean> parens = new ArrayList<>();
    int valuesDepth = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int depth = parens.size();
      switch (t.kind) {
        case WORD -> {
          String w = lower(t);
          if (w.equals("values")) valuesDepth = depth;
          else if (depth == valuesDepth && KEYWORDS.contains(w)) valuesDepth = -1;
        }
        case PUNCT -> {
          if (t.text.equals("(") || t.text.equals("[")) {
            Token prev = i > 0 ? tokens.get(i - 1) : null;
            boolean row = t.text.equals("(") && depth == valuesDepth && prev != null
                && (isWord(prev, "values") || prev.text.equals(","));
            parens.add(row);
          } else if ((t.text.equals(")") || t.text.equals("]")) && !parens.isEmpty()) {
            parens.removeLast();
            if (parens.size() < valuesDepth) valuesDepth = -1;
          }
        }
        case NUMBER -> {
          if (replaceable(tokens, i, parens)) replaced.add(i);
        }
        default -> { }
      }
    }
    // A bulk INSERT of many rows gains nothing from the cache and would plan thousands of parameters.
    if (replaced.isEmpty() || replaced.size() > MAX_PARAMETERS) return null;
    StringBuilder out = new StringBuilder(sql.length());
    List<DataType> types = new ArrayList<>();
    Object[] values = new Object[replaced.size()];
    int from = 0;
    for (int n = 0; n < replaced.size(); n++) {
      Token t = tokens.get(replaced.get(n));
      out.append(sql, from, t.start).append('$').append(n + 1);
      from = t.end;
      types.add(DataType.INT4);
      values[n] = Integer.valueOf(t.text);
    }
    out.append(sql, from, sql.length());
    return new Parameterized(out.toString(), List.copyOf(types), values);
  }

  private static boolean replaceable(List<Token> tokens, int i, List<Boolean> parens) {
    Token t = tokens.get(i);
    if (!t.text.chars().allMatch(Character::isDigit) || t.text.length() > 10
        || Long.parseLong(t.text) > Integer.MAX_VALUE) {
      return false;
    }
    if (i + 1 < tokens.size()) {
      String next = tokens.get(i + 1).text;
      if (next.equals("::") || next.equals(".") || next.equals("[")) return false;
    }
    int p = i - 1;
    while (p >= 0 && isUnarySign(tokens, p)) p--; // -5, + -5, (-5)
    if (p < 0) return false;
    Token prev = tokens.get(p);
    if (prev.kind == Kind.OPERATOR && COMPARISONS.contains(prev.text)) return true;
    if (prev.kind == Kind.OPERATOR && (prev.text.equals("+") || prev.text.equals("-"))) {
      Token left = p > 0 ? tokens.get(p - 1) : null;
      return left != null && (left.kind == Kind.QUOTED || left.kind == Kind.WORD && !KEYWORDS.contains(lower(left)));
    }
    if (prev.text.equals("(") || prev.text.equals(",")) {
      return !parens.isEmpty() && parens.getLast() && (prev.text.equals(",") || isRowStart(tokens, p));
    }
    return false;
  }

  /** The "(" at {@code p} opens the row itself (not a nested parenthesis inside it). */
  private static boolean isRowStart(List<Token> tokens, int p) {
    Token before = p > 0 ? tokens.get(p - 1) : null;
    return before != null && (isWord(before, "values") || before.text.equals(","));
  }

  /** A + or - at {@code p} that is a prefix sign: it follows an operator, "(" or ",". */
  private static boolean isUnarySign(List<Token> tokens, int p) {
    Token t = tokens.get(p);
    if (t.kind != Kind.OPERATOR || !(t.text.equals("-") || t.text.equals("+")) || p == 0) return false;
    Token before = tokens.get(p - 1);
    return before.kind == Kind.OPERATOR || before.text.equals("(") || before.text.equals(",");
  }

  private static boolean isWord(Token t, String word) { return t.kind == Kind.WORD && lower(t).equals(word); }

  private static String lower(Token t) { return t.text.toLowerCase(Locale.ROOT); }

  /** PostgreSQL's lexical tokens, enough to find literals and operators; null for text this does not handle. */
  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        while (i < n && s.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int depth = 0;
        do {
          if (s.startsWith("/*", i)) { depth++; i += 2; }
          else if (s.startsWith("*/", i)) { depth--; i += 2; }
          else i++;
        } while (depth > 0 && i < n);
        if (depth > 0) return null;
      } else if (c == '\'' || c == '"') {
        i++;
        while (true) {
          if (i >= n) return null;
          if (s.charAt(i) == c) {
            if (i + 1 < n && s.charAt(i + 1) == c) { i += 2; continue; }
            i++;
            break;
          }
          i++;
        }
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, s.substring(start, i), start, i));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        if (i < n && s.charAt(i) == '\'') return null; // E'', B'', X'', U&'': typed strings
        out.add(new Token(Kind.WORD, s.substring(start, i), start, i));
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
          i++;
          if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
          while (i < n && Character.isDigit(s.charAt(i))) i++;
        }
        if (i < n && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) return null;
        out.add(new Token(Kind.NUMBER, s.substring(start, i), start, i));
      } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':') {
        i += 2;
        out.add(new Token(Kind.PUNCT, "::", start, i));
      } else if ("+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
        while (i < n && "+-*/<>=~!@#%^&|`?".indexOf(s.charAt(i)) >= 0
            && !s.startsWith("--", i) && !s.startsWith("/*", i)) {
          i++;
        }
        String op = s.substring(start, i);
        // PostgreSQL's rule: a trailing + or - is split off unless the operator has one of ~!@#%^&|`?.
        while (op.length() > 1 && (op.endsWith("+") || op.endsWith("-"))
            && op.chars().noneMatch(ch -> "~!@#%^&|`?".indexOf(ch) >= 0)) {
          op = op.substring(0, op.length() - 1);
        }
        i = start + op.length();
        out.add(new Token(Kind.OPERATOR, op, start, i));
      } else {
        i++;
        out.add(new Token(Kind.PUNCT, String.valueOf(c), start, i));
      }
    }
    return out;
  }
}
