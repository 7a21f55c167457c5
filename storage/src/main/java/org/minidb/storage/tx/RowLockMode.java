package org.minidb.storage.tx;

/**
 * PostgreSQL's four row-level lock modes (its LockTupleMode), weakest first, with its conflict table: FOR KEY
 * SHARE conflicts only with FOR UPDATE; FOR SHARE with FOR NO KEY UPDATE and FOR UPDATE; FOR NO KEY UPDATE with
 * all but FOR KEY SHARE; FOR UPDATE with all. An UPDATE that changes no key column (a column of a unique index)
 * takes FOR NO KEY UPDATE on the row it replaces; DELETE and a key-changing UPDATE take FOR UPDATE. Each mode
 * conflicts with a superset of what every weaker one conflicts with, so a transaction holding several modes on
 * one row is represented by its strongest.
 */
public enum RowLockMode {
  KEY_SHARE("For Key Share"),
  SHARE("For Share"),
  NO_KEY_UPDATE("For No Key Update"),
  UPDATE("For Update");

  private final String pgName;

  RowLockMode(String pgName) { this.pgName = pgName; }

  /** True if this mode and {@code other} cannot be held on one row by two transactions at once. */
  public boolean conflictsWith(RowLockMode other) {
    return switch (this) {
      case KEY_SHARE -> other == UPDATE;
      case SHARE -> other == NO_KEY_UPDATE || other == UPDATE;
      case NO_KEY_UPDATE -> other != KEY_SHARE;
      case UPDATE -> true;
    };
  }

  /** As pg_locks and the multixact members function name it ({@code For Key Share}). */
  public String pgName() { return pgName; }

  /** The mode of {@code SELECT ... FOR <strength>}, strength as written in lower case ("no key update"). */
  public static RowLockMode fromStrength(String strength) {
    return switch (strength) {
      case "key share" -> KEY_SHARE;
      case "share" -> SHARE;
      case "no key update" -> NO_KEY_UPDATE;
      case "update" -> UPDATE;
      default -> throw new IllegalArgumentException("row lock strength " + strength);
    };
  }

  /** The stronger of two modes. */
  public static RowLockMode max(RowLockMode a, RowLockMode b) { return a.ordinal() >= b.ordinal() ? a : b; }
}
