package org.minidb.storage.file;

/**
 * Names the file of one relation, as PostgreSQL's RelFileLocator does: shared relations (dbOid 0) live in
 * {@code global/<relNumber>}, the others in {@code base/<dbOid>/<relNumber>}. The relNumber is
 * pg_class.relfilenode, which may differ from the relation's oid.
 */
public record RelFileLocator(int dbOid, long relNumber) {
  public static final int GLOBAL = 0;

  /** The path relative to the data directory, e.g. {@code base/5/16384}. */
  public String path() {
    return dbOid == GLOBAL ? "global/" + relNumber : "base/" + dbOid + "/" + relNumber;
  }

  @Override
  public String toString() { return path(); }
}
