package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.BOOL;
import static org.minidb.common.types.PgType.BPCHAR;
import static org.minidb.common.types.PgType.BYTEA;
import static org.minidb.common.types.PgType.INT4;
import static org.minidb.common.types.PgType.INT8;
import static org.minidb.common.types.PgType.TEXT;
import static org.minidb.common.types.PgType.UNKNOWN;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.common.types.TextFormat;
import org.minidb.common.types.ValueComparator;
import org.minidb.executor.expr.FunctionRegistry.Volatility;

/** String functions and the {@code ||} operator. Lengths and positions count characters (code points). */
final class StringFunctions {
  private StringFunctions() {}

  static void register(FunctionRegistry r) {
    r.add1("length,char_length,character_length", INT4, TEXT, v -> cpLength((String) v));
    r.add1("length,char_length,character_length", INT4, BPCHAR,
        v -> cpLength(ValueComparator.stripTrailingSpaces((String) v)));
    r.add1("length,octet_length", INT4, BYTEA, v -> ((byte[]) v).length);
    r.add1("octet_length", INT4, TEXT, v -> ((String) v).getBytes(StandardCharsets.UTF_8).length);
    r.add1("lower", TEXT, TEXT, v -> ((String) v).toLowerCase(Locale.ROOT));
    r.add1("upper", TEXT, TEXT, v -> ((String) v).toUpperCase(Locale.ROOT));
    r.add1("initcap", TEXT, TEXT, v -> initcap((String) v));
    r.add1("reverse", TEXT, TEXT, v -> new StringBuilder((String) v).reverse().toString());
    r.add("substr,substring", Volatility.IMMUTABLE, TEXT,
        a -> FunctionRegistry.strictN(a, v -> substr((String) v[0], (Integer) v[1], (Integer) v[2])), TEXT, INT4, INT4);
    r.add2("substr,substring", TEXT, TEXT, INT4, (s, start) -> substr((String) s, (Integer) start, Integer.MAX_VALUE));
    // position(substring, string): SQL's POSITION(substring IN string), operands in the order written.
    r.add2("position", INT4, TEXT, TEXT, (sub, s) -> position((String) s, (String) sub));
    r.add2("strpos", INT4, TEXT, TEXT, (s, sub) -> position((String) s, (String) sub));
    r.add1("btrim,trim", TEXT, TEXT, v -> trim((String) v, " ", true, true));
    r.add1("ltrim", TEXT, TEXT, v -> trim((String) v, " ", true, false));
    r.add1("rtrim", TEXT, TEXT, v -> trim((String) v, " ", false, true));
    r.add2("btrim,trim", TEXT, TEXT, TEXT, (v, c) -> trim((String) v, (String) c, true, true));
    r.add2("ltrim", TEXT, TEXT, TEXT, (v, c) -> trim((String) v, (String) c, true, false));
    r.add2("rtrim", TEXT, TEXT, TEXT, (v, c) -> trim((String) v, (String) c, false, true));
    r.add("replace", Volatility.IMMUTABLE, TEXT, a -> FunctionRegistry.strictN(a,
        v -> ((String) v[1]).isEmpty() ? v[0] : ((String) v[0]).replace((String) v[1], (String) v[2])), TEXT, TEXT, TEXT);
    r.add("translate", Volatility.IMMUTABLE, TEXT,
        a -> FunctionRegistry.strictN(a, v -> translate((String) v[0], (String) v[1], (String) v[2])), TEXT, TEXT, TEXT);
    r.add2("left", TEXT, TEXT, INT4, (s, n) -> left((String) s, (Integer) n));
    r.add2("right", TEXT, TEXT, INT4, (s, n) -> right((String) s, (Integer) n));
    r.add2("repeat", TEXT, TEXT, INT4, (s, n) -> ((String) s).repeat(Math.max(0, (Integer) n)));
    r.add2("lpad", TEXT, TEXT, INT4, (s, n) -> pad((String) s, (Integer) n, " ", true));
    r.add2("rpad", TEXT, TEXT, INT4, (s, n) -> pad((String) s, (Integer) n, " ", false));
    r.add("lpad", Volatility.IMMUTABLE, TEXT,
        a -> FunctionRegistry.strictN(a, v -> pad((String) v[0], (Integer) v[1], (String) v[2], true)), TEXT, INT4, TEXT);
    r.add("rpad", Volatility.IMMUTABLE, TEXT,
        a -> FunctionRegistry.strictN(a, v -> pad((String) v[0], (Integer) v[1], (String) v[2], false)), TEXT, INT4, TEXT);
    r.add("split_part", Volatility.IMMUTABLE, TEXT,
        a -> FunctionRegistry.strictN(a, v -> splitPart((String) v[0], (String) v[1], (Integer) v[2])), TEXT, TEXT, INT4);
    r.add2("starts_with", BOOL, TEXT, TEXT, (s, p) -> ((String) s).startsWith((String) p));
    r.add1("md5", TEXT, TEXT, v -> md5(((String) v).getBytes(StandardCharsets.UTF_8)));
    r.add1("md5", TEXT, BYTEA, v -> md5((byte[]) v));
    r.add1("ascii", INT4, TEXT, v -> ((String) v).isEmpty() ? 0 : ((String) v).codePointAt(0));
    r.add1("chr", TEXT, INT4, v -> chr((Integer) v));
    r.add1("to_hex", TEXT, INT4, v -> Integer.toHexString((Integer) v));
    r.add1("to_hex", TEXT, INT8, v -> Long.toHexString((Long) v));
    r.addVariadic("concat", Volatility.STABLE, TEXT, a -> (row, ctx) -> {
      StringBuilder sb = new StringBuilder();
      for (Expr e : a) {
        Object v = e.eval(row, ctx);
        if (v != null) sb.append((String) v);
      }
      return sb.toString();
    }, UNKNOWN);
    r.addVariadic("concat_ws", Volatility.STABLE, TEXT, a -> (row, ctx) -> {
      Object sep = a[0].eval(row, ctx);
      if (sep == null) return null;
      StringBuilder sb = new StringBuilder();
      boolean first = true;
      for (int i = 1; i < a.length; i++) {
        Object v = a[i].eval(row, ctx);
        if (v == null) continue;
        if (!first) sb.append((String) sep);
        sb.append((String) v);
        first = false;
      }
      return sb.toString();
    }, UNKNOWN, TEXT);
  }

  /** {@code a || b}: text concatenation; a non-text operand goes through its type's output function. */
  static Expr concatOperator(Expr left, DataType leftType, Expr right, DataType rightType) {
    if (leftType != null && rightType != null && leftType.type() == PgType.BYTEA && rightType.type() == PgType.BYTEA) {
      return FunctionRegistry.strict(left, right, (a, b) -> { // bytea || bytea: the bytes of both
        byte[] x = (byte[]) a;
        byte[] y = (byte[]) b;
        byte[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
      });
    }
    Casts.Conv l = toText(leftType);
    Casts.Conv r = toText(rightType);
    return (row, ctx) -> {
      Object a = left.eval(row, ctx);
      if (a == null) return null;
      Object b = right.eval(row, ctx);
      if (b == null) return null;
      String x = l == null ? (String) a : (String) l.apply(a, ctx);
      String y = r == null ? (String) b : (String) r.apply(b, ctx);
      return x.concat(y);
    };
  }

  private static Casts.Conv toText(DataType type) {
    if (type == null) return null;
    PgType t = type.type();
    if (t == BPCHAR) return (v, ctx) -> ValueComparator.stripTrailingSpaces((String) v);
    if (t.isString()) return null;
    // PostgreSQL's anynonarray || text is $1::text || $2: the text cast, which spells booleans out (the output
    // function would give t/f).
    if (t == BOOL) return (v, ctx) -> (Boolean) v ? "true" : "false";
    return (v, ctx) -> TextFormat.format(t, v, ctx.timeZone());
  }

  static int cpLength(String s) { return s.codePointCount(0, s.length()); }

  /** substr(s, start, count) on characters; start may be below 1, a negative count is an error. */
  static String substr(String s, int start, int count) {
    if (count < 0) throw DbException.of("22011", "negative substring length not allowed");
    int len = cpLength(s);
    long from = Math.max(start, 1);
    long to = Math.min((long) start + count, (long) len + 1);
    if (from >= to || from > len) return "";
    int b = s.offsetByCodePoints(0, (int) from - 1);
    int e = s.offsetByCodePoints(b, (int) (to - from));
    return s.substring(b, e);
  }

  static int position(String s, String sub) {
    int i = s.indexOf(sub);
    return i < 0 ? 0 : s.codePointCount(0, i) + 1;
  }

  static String trim(String s, String chars, boolean leading, boolean trailing) {
    int b = 0;
    int e = s.length();
    if (leading) {
      while (b < e && chars.indexOf(s.codePointAt(b)) >= 0) b += Character.charCount(s.codePointAt(b));
    }
    if (trailing) {
      while (e > b && chars.indexOf(s.codePointBefore(e)) >= 0) e -= Character.charCount(s.codePointBefore(e));
    }
    return s.substring(b, e);
  }

  static String translate(String s, String from, String to) {
    int[] f = from.codePoints().toArray();
    int[] t = to.codePoints().toArray();
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      int i = 0;
      while (i < f.length && f[i] != c) i++;
      if (i == f.length) sb.appendCodePoint(c);
      else if (i < t.length) sb.appendCodePoint(t[i]);
    });
    return sb.toString();
  }

  static String left(String s, int n) {
    int len = cpLength(s);
    int k = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
    return s.substring(0, s.offsetByCodePoints(0, k));
  }

  static String right(String s, int n) {
    int len = cpLength(s);
    int k = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
    return s.substring(s.offsetByCodePoints(0, len - k));
  }

  static String pad(String s, int n, String fill, boolean leftSide) {
    if (n <= 0) return "";
    int len = cpLength(s);
    if (len >= n) return s.substring(0, s.offsetByCodePoints(0, n));
    if (fill.isEmpty()) return s;
    int[] f = fill.codePoints().toArray();
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < n - len; i++) p.appendCodePoint(f[i % f.length]);
    return leftSide ? p + s : s + p;
  }

  static String splitPart(String s, String delim, int n) {
    if (n == 0) throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
    String[] parts = delim.isEmpty() ? new String[] {s} : s.split(java.util.regex.Pattern.quote(delim), -1);
    int i = n > 0 ? n - 1 : parts.length + n;
    return i >= 0 && i < parts.length ? parts[i] : "";
  }

  static String initcap(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean inWord = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      sb.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
      inWord = Character.isLetterOrDigit(c);
      i += Character.charCount(c);
    }
    return sb.toString();
  }

  static String chr(int c) {
    if (c == 0) throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
    if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
      throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + c);
    }
    return new String(Character.toChars(c));
  }

  static String md5(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw DbException.internal("MD5 is not available", e);
    }
  }
}
