package org.minidb.executor.expr;

import java.util.Locale;

/**
 * A relation name given as text where PostgreSQL takes a regclass ({@code pg_relation_size('t')},
 * {@code bt_index_check('s."T_pkey"')}): {@code [schema.]relation}, each part folded to lower case unless
 * double-quoted, the schema {@code public} when omitted.
 */
record RegclassName(String schema, String relation) {
  static RegclassName parse(String text) {
    int dot = text.indexOf('.');
    return new RegclassName(dot < 0 ? "public" : part(text.substring(0, dot)),
        part(dot < 0 ? text : text.substring(dot + 1)));
  }

  private static String part(String s) {
    String t = s.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      return t.substring(1, t.length() - 1).replace("\"\"", "\"");
    }
    return t.toLowerCase(Locale.ROOT);
  }
}
