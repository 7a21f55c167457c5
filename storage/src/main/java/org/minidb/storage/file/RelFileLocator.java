package org.minidb.storage.file;

/**
 * Names the file of one relation, as PostgreSQL's RelFileLocator does: shared relations (dbOid 0) live in
 * {@code global/<relNumber>}, the others in {@code base/<dbOid>/<relNumber>}. The relNumber is
 * pg_class.relfilenode, which may differ from the relation's oid.
 */
public record RelFileLocator(int dbOid, long relNumber) {
  public static final int GLOBAL = 0;

  /**
   * The visibility map fork: relNumber with this bit set (relfilenodes are 32-bit OIDs), file
   * {@code <relNumber>_vm}. Forks travel as relNumbers, so buffer tags, WAL records and recovery need nothing else.
   */
  private static final long VISIBILITY_MAP_FORK = 1L << 32;

  /** The visibility map fork of this relation's main fork (PostgreSQL's VISIBILITYMAP_FORKNUM). */
  public RelFileLocator visibilityMap() { return new RelFileLocator(dbOid, relNumber | VISIBILITY_MAP_FORK); }

  /** The path relative to the data directory, e.g. {@code base/5/16384} or {@code base/5/16384_vm}. */
  public String path() {
    String file = (relNumber & VISIBILITY_MAP_FORK) != 0 ? (relNumber & ~VISIBILITY_MAP_FORK) + "_vm"
        : Long.toString(relNumber);
    return dbOid == GLOBAL ? "global/" + file : "base/" + dbOid + "/" + file;
  }

  @Override
  public String toString() { return path(); }
}
