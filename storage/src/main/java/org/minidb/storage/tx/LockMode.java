package org.minidb.storage.tx;

/**
 * PostgreSQL's eight table-level lock modes, weakest first, with its conflict table (lock.c's
 * LockConflicts). Statements take them implicitly (SELECT: ACCESS_SHARE; INSERT/UPDATE/DELETE: ROW_EXCLUSIVE;
 * DROP/ALTER: ACCESS_EXCLUSIVE) and LOCK TABLE explicitly. A transaction waiting for another one to end (a row
 * it wants to change is being changed) takes SHARE on that transaction's xid, which its owner holds EXCLUSIVE.
 */
public enum LockMode {
  ACCESS_SHARE("AccessShareLock"),
  ROW_SHARE("RowShareLock"),
  ROW_EXCLUSIVE("RowExclusiveLock"),
  SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
  SHARE("ShareLock"),
  SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
  EXCLUSIVE("ExclusiveLock"),
  ACCESS_EXCLUSIVE("AccessExclusiveLock");

  /** All modes, weakest first (values() without the copy). */
  static final LockMode[] VALUES = values();

  private final String pgName;
  /** Bit i set: conflicts with the mode of ordinal i. Filled below, once all constants exist. */
  private int conflicts;

  LockMode(String pgName) { this.pgName = pgName; }

  static {
    conflictsWith(ACCESS_SHARE, ACCESS_EXCLUSIVE);
    conflictsWith(ROW_SHARE, EXCLUSIVE, ACCESS_EXCLUSIVE);
    conflictsWith(ROW_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
    conflictsWith(SHARE_UPDATE_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
        ACCESS_EXCLUSIVE);
    conflictsWith(SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
    conflictsWith(SHARE_ROW_EXCLUSIVE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE,
        EXCLUSIVE, ACCESS_EXCLUSIVE);
    conflictsWith(EXCLUSIVE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE,
        EXCLUSIVE, ACCESS_EXCLUSIVE);
    conflictsWith(ACCESS_EXCLUSIVE, values());
  }

  private static void conflictsWith(LockMode mode, LockMode... others) {
    for (LockMode o : others) mode.conflicts |= 1 << o.ordinal();
  }

  /** The bit of this mode in a set of held modes. */
  int bit() { return 1 << ordinal(); }

  /** True if this mode conflicts with any mode in {@code heldModes} (a set of {@link #bit()}s). */
  boolean conflictsWithAny(int heldModes) { return (conflicts & heldModes) != 0; }

  /** PostgreSQL's name, as in pg_locks and in deadlock reports: {@code RowExclusiveLock}. */
  public String pgName() { return pgName; }

  /** The mode named in {@code LOCK TABLE ... IN <name> MODE} (case-insensitive, single spaces), or null. */
  public static LockMode fromSqlName(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "access share" -> ACCESS_SHARE;
      case "row share" -> ROW_SHARE;
      case "row exclusive" -> ROW_EXCLUSIVE;
      case "share update exclusive" -> SHARE_UPDATE_EXCLUSIVE;
      case "share" -> SHARE;
      case "share row exclusive" -> SHARE_ROW_EXCLUSIVE;
      case "exclusive" -> EXCLUSIVE;
      case "access exclusive" -> ACCESS_EXCLUSIVE;
      default -> null;
    };
  }
}
