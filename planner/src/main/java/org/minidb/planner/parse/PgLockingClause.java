package org.minidb.planner.parse;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minidb.executor.plan.LockRowsNode;

/**
 * The locking clause at the end of a SELECT ({@code FOR UPDATE | FOR NO KEY UPDATE | FOR SHARE | FOR KEY SHARE
 * [OF table, ...] [NOWAIT | SKIP LOCKED]}), which Calcite's grammar lacks: {@link PgLexicalFront} takes it off
 * the end of the text before Calcite parses the rest, and the planner puts a LockRows node over the query.
 * Only the last clause of a statement is recognized (PostgreSQL allows several, one per table list).
 *
 * @param strength as written, lower case: "update", "no key update", "share", "key share"
 */
public record PgLockingClause(String strength, LockRowsNode.WaitPolicy waitPolicy) {
  private static final Pattern TRAILING = Pattern.compile(
      "(?i)\\s+for\\s+(update|no\\s+key\\s+update|share|key\\s+share)"
          + "(?:\\s+of\\s+[\\w\".]+(?:\\s*,\\s*[\\w\".]+)*)?"
          + "(\\s+nowait|\\s+skip\\s+locked)?\\s*$");

  /** The clause at the end of {@code text}, or null; {@code start[0]} gets its offset. */
  static PgLockingClause find(CharSequence text, int[] start) {
    Matcher m = TRAILING.matcher(text);
    if (!m.find()) return null;
    start[0] = m.start();
    String strength = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    String wait = m.group(2) == null ? "" : m.group(2).trim().toLowerCase(Locale.ROOT);
    LockRowsNode.WaitPolicy policy = wait.isEmpty() ? LockRowsNode.WaitPolicy.BLOCK
        : wait.startsWith("nowait") ? LockRowsNode.WaitPolicy.ERROR : LockRowsNode.WaitPolicy.SKIP;
    return new PgLockingClause(strength, policy);
  }

  /** As PostgreSQL names the clause in errors: {@code FOR UPDATE}. */
  public String sqlName() { return "FOR " + strength.toUpperCase(Locale.ROOT); }
}
