package org.minidb.storage.tx;

import java.util.Locale;

/**
 * PostgreSQL's isolation levels. READ UNCOMMITTED behaves as READ COMMITTED (as in PostgreSQL): a snapshot per
 * statement; REPEATABLE READ keeps the transaction's first snapshot and turns a concurrent-update conflict into
 * 40001.
 */
public enum IsolationLevel {
  READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE;

  /** True if the level keeps one snapshot for the whole transaction (PostgreSQL's IsolationUsesXactSnapshot). */
  public boolean usesTransactionSnapshot() { return this == REPEATABLE_READ || this == SERIALIZABLE; }

  /** As SHOW transaction_isolation prints it: {@code read committed}. */
  public String sqlName() { return name().replace('_', ' ').toLowerCase(Locale.ROOT); }

  /** Parses {@code read committed}, {@code REPEATABLE READ}, ...; null if not a level. */
  public static IsolationLevel fromSqlName(String name) {
    for (IsolationLevel l : values()) if (l.sqlName().equalsIgnoreCase(name.trim())) return l;
    return null;
  }
}
