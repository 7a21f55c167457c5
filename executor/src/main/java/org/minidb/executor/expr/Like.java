package org.minidb.executor.expr;

import java.util.regex.Pattern;
import org.minidb.common.error.DbException;

/**
 * PostgreSQL's LIKE and ILIKE: {@code %} matches any sequence, {@code _} one character, the escape
 * character (default backslash) makes the next one literal; a pattern ending in the escape character is an
 * error (22025). The pattern is compiled to a regular expression once when it is a literal, else once per
 * distinct pattern value (the last one is remembered).
 */
final class Like {
  private Like() {}

  static Expr like(Expr value, Expr pattern, boolean caseInsensitive, String escape) {
    int esc = escape == null || escape.isEmpty() ? -1 : escape.codePointAt(0);
    if (pattern instanceof Literal lit) {
      if (lit.value() == null) return new Literal(null);
      Pattern p = compile((String) lit.value(), caseInsensitive, esc);
      return (row, ctx) -> {
        Object v = value.eval(row, ctx);
        return v == null ? null : p.matcher((String) v).matches();
      };
    }
    // Not a literal: cache the compiled form of the last pattern seen. The cache is a pair held in one
    // immutable object, so concurrent evaluation (a shared plan) is safe without locking.
    record Compiled(String source, Pattern pattern) {}
    var last = new java.util.concurrent.atomic.AtomicReference<Compiled>();
    return (row, ctx) -> {
      Object v = value.eval(row, ctx);
      if (v == null) return null;
      Object p = pattern.eval(row, ctx);
      if (p == null) return null;
      Compiled c = last.get();
      if (c == null || !c.source().equals(p)) {
        c = new Compiled((String) p, compile((String) p, caseInsensitive, esc));
        last.set(c);
      }
      return c.pattern().matcher((String) v).matches();
    };
  }

  static Pattern compile(String like, boolean caseInsensitive, int escape) {
    StringBuilder re = new StringBuilder(like.length() + 8);
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < like.length()) {
      int c = like.codePointAt(i);
      i += Character.charCount(c);
      if (c == escape) {
        if (i >= like.length()) {
          throw DbException.of("22025", "LIKE pattern must not end with escape character");
        }
        int n = like.codePointAt(i);
        i += Character.charCount(n);
        literal.appendCodePoint(n);
      } else if (c == '%') {
        flush(re, literal);
        re.append(".*");
      } else if (c == '_') {
        flush(re, literal);
        re.append('.');
      } else {
        literal.appendCodePoint(c);
      }
    }
    flush(re, literal);
    int flags = Pattern.DOTALL;
    if (caseInsensitive) flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    return Pattern.compile(re.toString(), flags);
  }

  private static void flush(StringBuilder re, StringBuilder literal) {
    if (literal.isEmpty()) return;
    re.append(Pattern.quote(literal.toString()));
    literal.setLength(0);
  }
}
