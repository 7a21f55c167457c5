package org.minidb.planner.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The part of PostgreSQL's lexer that Calcite's lexer lacks, run over the text before Calcite's parser sees
 * it. It rewrites, keeping for each output character the offset of the input character it came from (a
 * {@link SourceMap}), so that every error can point into the text the client sent:
 *
 * <ul>
 *   <li>{@code $n} becomes {@code ?} padded with blanks (Calcite would read {@code $1} as an identifier:
 *       pitfall P2); the n of each {@code ?}, in order, is recorded.
 *   <li>Dollar-quoted strings ({@code $$...$$}, {@code $tag$...$tag$}) and escape strings ({@code E'...'})
 *       become standard {@code '...'} literals with their value.
 *   <li>Comments, which PostgreSQL nests, become one blank.
 *   <li>{@code pg_catalog.} before a function name is dropped.
 *   <li>Trailing semicolons and blanks are dropped: one statement is parsed at a time.
 *   <li>A trailing locking clause ({@code FOR UPDATE ...}) is taken off and returned ({@link PgLockingClause}).
 * </ul>
 *
 * Unterminated quotes and comments, and junk after a parameter, raise PostgreSQL's lexer errors (42601).
 */
public final class PgLexicalFront {
  private PgLexicalFront() {}

  private static final String INVALID_ESCAPE_SEQUENCE = "22025";
  private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

  /**
   * The rewritten statement.
   *
   * @param parameterNumbers for the i-th {@code ?} of the rewritten text, its PostgreSQL number ({@code $1}
   *     is 1)
   * @param parameterOffsets for the i-th {@code ?}, the offset of its {@code $n} in the original text
   * @param strippedSemicolon offset in the original text of the first trailing semicolon dropped, or -1
   * @param locking a trailing {@code FOR UPDATE ...} taken off the text, or null
   */
  public record Result(SourceMap source, int[] parameterNumbers, int[] parameterOffsets,
      int strippedSemicolon, PgLockingClause locking) {}

  /** The function name that stands for {@code DISTINCT ON} in the parsed text (see {@code DistinctOn}). */
  public static final String DISTINCT_ON_MARKER = "minidb_distinct_on";

  public static Result rewrite(String sql) {
    return new Scanner(sql).scan();
  }

  /** Characters that continue an identifier or keyword in PostgreSQL ({@code ident_cont}). */
  static boolean isIdentCont(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
        || c >= 0x80;
  }

  /** Characters that start an identifier in PostgreSQL ({@code ident_start}). */
  static boolean isIdentStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
  }

  private static final class Scanner {
    private final String in;
    private final int n;
    private final StringBuilder out;
    private int[] origin;
    private int[] params = new int[8];
    private int[] paramOffsets = new int[8];
    private int paramCount;
    /** Depth of parentheses outside string literals and comments. */
    private int depth;
    /** The depth at which a DISTINCT ON list's closing parenthesis ends the marker call, or -1. */
    private int distinctOnDepth = -1;
    /** The depth at which the closing parenthesis of a function in FROM also closes its TABLE(, or -1. */
    private int tableCallDepth = -1;

    Scanner(String in) {
      this.in = in;
      this.n = in.length();
      this.out = new StringBuilder(n);
      this.origin = new int[n + 1];
    }

    Result scan() {
      int i = 0;
      while (i < n) {
        char c = in.charAt(i);
        if (c == '\'') {
          i = standardString(i, i);
        } else if ((c == 'E' || c == 'e') && i + 1 < n && in.charAt(i + 1) == '\''
            && (i == 0 || !isIdentCont(in.charAt(i - 1)))) {
          i = escapeString(i);
        } else if (c == '"') {
          i = quotedIdentifier(i);
        } else if (c == '-' && i + 1 < n && in.charAt(i + 1) == '-') {
          int end = i;
          while (end < n && in.charAt(end) != '\n' && in.charAt(end) != '\r') end++;
          emit(' ', i);
          i = end;
        } else if (c == '/' && i + 1 < n && in.charAt(i + 1) == '*') {
          i = blockComment(i);
        } else if (c == '$') {
          i = dollar(i);
        } else if (c == '?') {
          // PostgreSQL has no '?' placeholder; Calcite would take it as one and shift the $n mapping.
          throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"?\"").withPosition(position(i));
        } else if (isIdentStart(c)) {
          int end = i + 1;
          while (end < n && isIdentCont(in.charAt(end))) end++;
          if (isCatalogQualifiedCall(i, end)) {
            i = end + 1;
            continue;
          }
          int next = typeKeyword(i, end);
          if (next < 0) next = distinctOn(i, end);
          if (next < 0) next = tableFunction(i, end);
          if (next < 0) {
            copy(i, end);
            noteClause(i, end);
          }
          i = next < 0 ? end : next;
        } else {
          emit(c, i);
          if (c == '(') depth++;
          if (c == ')' && --depth == distinctOnDepth) {
            emit(',', i); // closes the marker call: the select list continues
            distinctOnDepth = -1;
          }
          if (c == ')' && depth == tableCallDepth) {
            emit(')', i); // closes TABLE( around a function in FROM
            tableCallDepth = -1;
          }
          if (c == '(' && depth < clauses.length) clauses[depth] = "";
          i++;
        }
      }
      int stripped = -1;
      int len = out.length();
      while (len > 0 && (Character.isWhitespace(out.charAt(len - 1)) || out.charAt(len - 1) == ';')) {
        if (out.charAt(len - 1) == ';') stripped = origin[len - 1];
        len--;
      }
      out.setLength(len);
      int[] lockingStart = new int[1];
      PgLockingClause locking = PgLockingClause.find(out, lockingStart);
      if (locking != null) {
        len = lockingStart[0];
        out.setLength(len);
      }
      int[] map = Arrays.copyOf(origin, len + 1);
      map[len] = n;
      return new Result(new SourceMap(in, out.toString(), map), Arrays.copyOf(params, paramCount),
          Arrays.copyOf(paramOffsets, paramCount), stripped, locking);
    }

    /**
     * {@code pg_catalog.f(}: the qualifier is dropped. Functions are looked up in pg_catalog first anyway, and
     * Calcite cannot qualify the functions it reserves as keywords ({@code pg_catalog.count(x)} is in
     * pgbench's start-up query).
     */
    private boolean isCatalogQualifiedCall(int start, int end) {
      if (end - start != 10 || !in.regionMatches(true, start, "pg_catalog", 0, 10)
          || end + 1 >= n || in.charAt(end) != '.' || !isIdentStart(in.charAt(end + 1))) {
        return false;
      }
      int k = end + 2;
      while (k < n && isIdentCont(in.charAt(k))) k++;
      while (k < n && Character.isWhitespace(in.charAt(k))) k++;
      return k < n && in.charAt(k) == '(';
    }

    /**
     * PostgreSQL's non-reserved type keywords that Calcite reserves: {@code date}, {@code timestamp},
     * {@code time} and {@code interval} become quoted names ({@code "date"}) wherever they are not the start
     * of a typed literal ({@code date '2024-01-01'}) or of a longer type name ({@code timestamp(3)},
     * {@code timestamp with time zone}), so that they can name columns and aliases as in PostgreSQL; as a
     * type, the quoted name resolves to the type through the catalog's type aliases. {@code interval '...'
     * [qualifier]}, which Calcite reads only with a qualifier and with SQL's meaning, becomes
     * {@code CAST('...' AS "interval")}. Returns where scanning continues, or -1 when the word is not one of
     * these and is to be copied.
     */
    private int typeKeyword(int start, int end) {
      String word = in.substring(start, end).toLowerCase(java.util.Locale.ROOT);
      if (!word.equals("date") && !word.equals("timestamp") && !word.equals("time") && !word.equals("interval")
          && !word.equals("timestamptz")) {
        return -1;
      }
      int k = skipBlanks(end);
      char following = k < n ? in.charAt(k) : ' ';
      if (start > 0 && in.charAt(start - 1) == '.') following = ' '; // t.date: always a name
      if (word.equals("interval") && following == '\'') return intervalLiteral(start, k);
      if (!word.equals("time") && following == '\'') return typedLiteral(start, word, k);
      if (word.equals("timestamptz")) return -1;
      if (following == '\'' || following == '(') return -1;
      if (!word.equals("interval") && !word.equals("date") && (start == 0 || in.charAt(start - 1) != '.')) {
        String nextWord = wordAt(k);
        if (nextWord.equals("with") || nextWord.equals("without") || nextWord.equals("zone")) return -1;
        if (lastWord(start).equals("at")) return -1; // AT TIME ZONE
      }
      emit('"', start);
      for (int j = 0; j < word.length(); j++) emit(word.charAt(j), start + j);
      emit('"', end - 1);
      return end;
    }

    /**
     * {@code interval 'text' [field [TO field]]} becomes {@code CAST('text' AS "interval")}. A qualifier gives
     * a bare number its unit ({@code interval '3' day}) and {@code MINUTE TO SECOND} reads {@code 'm:s'};
     * PostgreSQL's truncation of finer fields than the qualifier's last is not applied.
     */
    private int intervalLiteral(int start, int quote) {
      StringBuilder value = new StringBuilder();
      int j = readLiteral(quote, value);
      int closing = j;
      int after = j + 1;
      String first = wordAt(skipBlanks(after));
      String last = null;
      if (QUALIFIER_FIELDS.contains(first)) {
        after = skipBlanks(after) + first.length();
        last = first;
        int k = skipBlanks(after);
        if (wordAt(k).equals("to")) {
          int k2 = skipBlanks(k + 2);
          String second = wordAt(k2);
          if (QUALIFIER_FIELDS.contains(second)) {
            last = second;
            after = k2 + second.length();
          }
        }
        int p = skipBlanks(after);
        if (p < n && in.charAt(p) == '(') {
          int close = in.indexOf(')', p);
          if (close > 0) after = close + 1;
        }
      }
      String text = value.toString();
      if (last != null && text.strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)")) {
        text = text.strip() + " " + last;
      } else if ("second".equals(last) && "minute".equals(first) && text.strip().matches("[+-]?\\d+:\\d+(\\.\\d*)?")) {
        String t = text.strip();
        text = t.startsWith("-") ? "-0:" + t.substring(1) : "0:" + t;
      }
      for (char c : "CAST(".toCharArray()) emit(c, start);
      emitLiteral(text, quote, closing);
      for (char c : " AS \"interval\")".toCharArray()) emit(c, closing);
      return after;
    }

    /**
     * {@code date '...'}, {@code timestamp '...'}, {@code timestamptz '...'} become {@code CAST('...' AS
     * "date")}: PostgreSQL's input function reads the text (Calcite's literals want {@code HH:mm:ss} and know
     * no {@code 'today'}).
     */
    private int typedLiteral(int start, String type, int quote) {
      StringBuilder value = new StringBuilder();
      int j = readLiteral(quote, value);
      for (char c : "CAST(".toCharArray()) emit(c, start);
      emitLiteral(value.toString(), quote, j);
      for (char c : (" AS \"" + type + "\")").toCharArray()) emit(c, j);
      return j + 1;
    }

    /**
     * {@code DISTINCT ON (a, b) x, y} becomes {@code minidb_distinct_on(a, b), x, y}: a marker call as the
     * first select item, which {@code DistinctOn} takes out again after parsing (Calcite's grammar has no
     * DISTINCT ON). Returns where scanning continues, or -1.
     */
    private int distinctOn(int start, int end) {
      if (end - start != 8 || !in.regionMatches(true, start, "distinct", 0, 8)) return -1;
      int k = skipBlanks(end);
      if (!wordAt(k).equals("on")) return -1;
      int paren = skipBlanks(k + 2);
      if (paren >= n || in.charAt(paren) != '(' || distinctOnDepth >= 0) return -1;
      for (char c : DISTINCT_ON_MARKER.toCharArray()) emit(c, start);
      distinctOnDepth = depth;
      return paren;
    }

    /** The last clause keyword seen at each parenthesis depth (select, from, where, ...). */
    private final String[] clauses = new String[64];

    private void noteClause(int start, int end) {
      String w = in.substring(start, end).toLowerCase(java.util.Locale.ROOT);
      if (depth < clauses.length && CLAUSE_WORDS.contains(w)) clauses[depth] = w;
    }

    private static final java.util.Set<String> CLAUSE_WORDS = java.util.Set.of("select", "from", "where", "group",
        "having", "order", "limit", "offset", "union", "intersect", "except", "on", "using", "set", "values");

    /**
     * {@code generate_series(...)} in FROM becomes {@code TABLE(generate_series(...))}: Calcite's grammar
     * reads the bare form only while no argument is itself a call ({@code generate_series(now(), ...)}).
     */
    private int tableFunction(int start, int end) {
      if (tableCallDepth >= 0 || !in.substring(start, end).equalsIgnoreCase("generate_series")) return -1;
      int paren = skipBlanks(end);
      if (paren >= n || in.charAt(paren) != '(') return -1;
      String before = lastWord(start);
      int p = start;
      while (p > 0 && Character.isWhitespace(in.charAt(p - 1))) p--;
      boolean afterComma = p > 0 && in.charAt(p - 1) == ',' && depth < clauses.length && "from".equals(clauses[depth]);
      if (!before.equals("from") && !before.equals("join") && !before.equals("lateral") && !afterComma) return -1;
      for (char c : "TABLE(".toCharArray()) emit(c, start);
      copy(start, end);
      tableCallDepth = depth;
      return end;
    }

    /** Reads the standard literal whose opening quote is at {@code quote}; returns its closing quote. */
    private int readLiteral(int quote, StringBuilder value) {
      int j = quote + 1;
      while (true) {
        if (j >= n) throw unterminated("unterminated quoted string", quote);
        char c = in.charAt(j);
        if (c == '\'') {
          if (j + 1 < n && in.charAt(j + 1) == '\'') {
            value.append('\'');
            j += 2;
            continue;
          }
          return j;
        }
        value.append(c);
        j++;
      }
    }

    private static final java.util.Set<String> QUALIFIER_FIELDS =
        java.util.Set.of("year", "month", "day", "hour", "minute", "second");

    private int skipBlanks(int k) {
      while (k < n && Character.isWhitespace(in.charAt(k))) k++;
      return k;
    }

    /** The identifier-like word starting at {@code k}, lower case, or "". */
    private String wordAt(int k) {
      if (k >= n || !isIdentStart(in.charAt(k))) return "";
      int e = k + 1;
      while (e < n && isIdentCont(in.charAt(e))) e++;
      return in.substring(k, e).toLowerCase(java.util.Locale.ROOT);
    }

    /** The word that ends just before {@code k} (blanks skipped), lower case, or "". */
    private String lastWord(int k) {
      int e = k;
      while (e > 0 && Character.isWhitespace(in.charAt(e - 1))) e--;
      int b = e;
      while (b > 0 && isIdentCont(in.charAt(b - 1))) b--;
      return in.substring(b, e).toLowerCase(java.util.Locale.ROOT);
    }

    private void emit(char c, int from) {
      if (out.length() + 1 >= origin.length) origin = Arrays.copyOf(origin, origin.length * 2 + 2);
      origin[out.length()] = from;
      out.append(c);
    }

    private void copy(int from, int to) {
      for (int k = from; k < to; k++) emit(in.charAt(k), k);
    }

    /** A '...' literal starting at {@code quote}; {@code start} is where the token starts (for errors). */
    private int standardString(int start, int quote) {
      int j = quote + 1;
      while (true) {
        if (j >= n) throw unterminated("unterminated quoted string", start);
        if (in.charAt(j) == '\'') {
          if (j + 1 < n && in.charAt(j + 1) == '\'') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      copy(quote, j + 1);
      return j + 1;
    }

    /** E'...': PostgreSQL's backslash escapes, decoded to bytes and then read as UTF-8. */
    private int escapeString(int start) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int j = start + 2;
      while (true) {
        if (j >= n) throw unterminated("unterminated quoted string", start);
        char c = in.charAt(j);
        if (c == '\'') {
          if (j + 1 < n && in.charAt(j + 1) == '\'') {
            bytes.write('\'');
            j += 2;
            continue;
          }
          break;
        }
        if (c != '\\') {
          int cp = in.codePointAt(j);
          bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
          j += Character.charCount(cp);
          continue;
        }
        if (j + 1 >= n) throw unterminated("unterminated quoted string", start);
        char e = in.charAt(j + 1);
        j += 2;
        switch (e) {
          case 'b' -> bytes.write('\b');
          case 'f' -> bytes.write('\f');
          case 'n' -> bytes.write('\n');
          case 'r' -> bytes.write('\r');
          case 't' -> bytes.write('\t');
          case 'x' -> {
            int end = j;
            while (end < n && end < j + 2 && Character.digit(in.charAt(end), 16) >= 0) end++;
            if (end == j) {
              bytes.write('x');
            } else {
              bytes.write(Integer.parseInt(in.substring(j, end), 16));
              j = end;
            }
          }
          case 'u', 'U' -> {
            int digits = e == 'u' ? 4 : 8;
            if (j + digits > n || !isHex(j, j + digits)) {
              throw DbException.of(INVALID_ESCAPE_SEQUENCE, "invalid Unicode escape").withHint(
                      "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.").withPosition(position(j - 2));
            }
            int cp = Integer.parseInt(in.substring(j, j + digits), 16);
            if (!Character.isValidCodePoint(cp) || cp == 0) {
              throw DbException.of(INVALID_ESCAPE_SEQUENCE, "invalid Unicode escape value").withPosition(position(j - 2));
            }
            bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            j += digits;
          }
          default -> {
            if (e >= '0' && e <= '7') {
              int end = j;
              while (end < n && end < j + 2 && in.charAt(end) >= '0' && in.charAt(end) <= '7') end++;
              bytes.write(Integer.parseInt(in.substring(j - 1, end), 8) & 0xff);
              j = end;
            } else {
              int cp = in.codePointAt(j - 1);
              bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
              j += Character.charCount(cp) - 1;
            }
          }
        }
      }
      emitLiteral(utf8(bytes.toByteArray()), start, j);
      return j + 1;
    }

    private boolean isHex(int from, int to) {
      for (int k = from; k < to; k++) {
        if (Character.digit(in.charAt(k), 16) < 0) return false;
      }
      return true;
    }

    /** The bytes an escape string spelled, as UTF-8; PostgreSQL refuses NUL and malformed sequences. */
    private static String utf8(byte[] bytes) {
      for (byte b : bytes) {
        if (b == 0) {
          throw DbException.of(CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": 0x00");
        }
      }
      ByteBuffer input = ByteBuffer.wrap(bytes);
      CharBuffer output = CharBuffer.allocate(bytes.length);
      CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(input, output, true);
      if (result.isError()) {
        StringBuilder sequence = new StringBuilder();
        for (int k = input.position(); k < input.position() + result.length(); k++) {
          if (!sequence.isEmpty()) sequence.append(' ');
          sequence.append(String.format("0x%02x", bytes[k] & 0xff));
        }
        throw DbException.of(CHARACTER_NOT_IN_REPERTOIRE,
            "invalid byte sequence for encoding \"UTF8\": " + sequence);
      }
      return output.flip().toString();
    }

    /** Emits {@code value} as a standard literal; every character maps to the token's start. */
    private void emitLiteral(String value, int start, int closingQuote) {
      emit('\'', start);
      for (int k = 0; k < value.length(); k++) {
        char c = value.charAt(k);
        emit(c, start);
        if (c == '\'') emit('\'', start);
      }
      emit('\'', closingQuote);
    }

    private int quotedIdentifier(int start) {
      int j = start + 1;
      while (true) {
        if (j >= n) throw unterminated("unterminated quoted identifier", start);
        if (in.charAt(j) == '"') {
          if (j + 1 < n && in.charAt(j + 1) == '"') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      copy(start, j + 1);
      return j + 1;
    }

    /** A comment, nested as PostgreSQL nests them, becomes one blank. */
    private int blockComment(int start) {
      int depth = 0;
      int j = start;
      while (j < n) {
        if (in.startsWith("/*", j)) {
          depth++;
          j += 2;
        } else if (in.startsWith("*/", j)) {
          depth--;
          j += 2;
          if (depth == 0) {
            emit(' ', start);
            return j;
          }
        } else {
          j++;
        }
      }
      throw unterminated("unterminated /* comment", start);
    }

    /** {@code $n}, a dollar-quoted string, or a lone dollar (left for the parser to reject). */
    private int dollar(int start) {
      int j = start + 1;
      if (j < n && Character.isDigit(in.charAt(j))) {
        while (j < n && Character.isDigit(in.charAt(j))) j++;
        if (j < n && isIdentCont(in.charAt(j))) {
          int end = j;
          while (end < n && isIdentCont(in.charAt(end))) end++;
          throw DbException.of(SqlState.SYNTAX_ERROR,
              "trailing junk after parameter at or near \"" + in.substring(start, end) + "\"")
              .withPosition(position(start));
        }
        int number;
        try {
          number = Integer.parseInt(in.substring(start + 1, j));
        } catch (NumberFormatException e) {
          number = Integer.MAX_VALUE;
        }
        if (paramCount == params.length) {
          params = Arrays.copyOf(params, paramCount * 2);
          paramOffsets = Arrays.copyOf(paramOffsets, paramCount * 2);
        }
        paramOffsets[paramCount] = start;
        params[paramCount++] = number;
        emit('?', start);
        for (int k = start + 1; k < j; k++) emit(' ', k);
        return j;
      }
      // $tag$ with tag = ident_start ident_cont* (no '$' inside), or $$.
      int tagEnd = j;
      if (tagEnd < n && isIdentStart(in.charAt(tagEnd))) {
        tagEnd++;
        while (tagEnd < n && isIdentCont(in.charAt(tagEnd)) && in.charAt(tagEnd) != '$') tagEnd++;
      }
      if (tagEnd < n && in.charAt(tagEnd) == '$') {
        String delimiter = in.substring(start, tagEnd + 1);
        int close = in.indexOf(delimiter, tagEnd + 1);
        if (close < 0) throw unterminated("unterminated dollar-quoted string", start);
        emitLiteral(in.substring(tagEnd + 1, close), start, close + delimiter.length() - 1);
        return close + delimiter.length();
      }
      emit('$', start);
      return start + 1;
    }

    private DbException unterminated(String what, int start) {
      return DbException.of(SqlState.SYNTAX_ERROR, what + " at or near \"" + in.substring(start) + "\"")
          .withPosition(position(start));
    }

    private int position(int offset) {
      return in.codePointCount(0, offset) + 1;
    }
  }
}
