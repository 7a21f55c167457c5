package org.minidb.storage.tx;

/**
 * What a heavyweight lock is on (PostgreSQL's LOCKTAG): a relation, or a transaction id (every transaction
 * holds EXCLUSIVE on its own xid from assignment to its end, so "wait until xid ends" is a lock request).
 */
public record LockTag(Kind kind, long id) {
  public enum Kind { RELATION, TRANSACTION }

  public static LockTag relation(long oid) { return new LockTag(Kind.RELATION, oid); }

  public static LockTag transaction(long xid) { return new LockTag(Kind.TRANSACTION, xid); }

  /** As PostgreSQL names it in deadlock reports: {@code relation 16384}, {@code transaction 745}. */
  public String describe() {
    return (kind == Kind.RELATION ? "relation " : "transaction ") + id;
  }
}
