package org.minidb.planner.explain;

import java.util.Set;

/** Identifiers as PostgreSQL prints them (quote_identifier): quoted unless plain lower-case, not reserved. */
public final class Identifiers {
  private Identifiers() {}

  private static final Set<String> RESERVED = Set.of("all", "and", "any", "as", "asc", "both", "case", "cast",
      "check", "column", "constraint", "create", "default", "desc", "distinct", "do", "else", "end", "false",
      "for", "from", "grant", "group", "having", "in", "into", "limit", "not", "null", "offset", "on", "only",
      "or", "order", "select", "table", "then", "to", "true", "union", "unique", "user", "using", "when",
      "where", "with");

  public static String quote(String name) {
    boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_')
        && name.chars().allMatch(c -> Character.isLowerCase(c) || Character.isDigit(c) || c == '_' || c == '$')
        && !RESERVED.contains(name);
    return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
