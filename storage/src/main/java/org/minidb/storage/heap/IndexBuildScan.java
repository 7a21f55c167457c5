package org.minidb.storage.heap;

/**
 * The heap scan that feeds CREATE INDEX (PostgreSQL's table_index_build_scan): every version not yet dead to
 * all transactions — not only those the builder's snapshot sees — because a transaction with an older snapshot
 * may read through the new index (it sees the index in the catalog) and must find the rows it still sees.
 * {@link #visible()} tells which versions the builder's snapshot sees: only those take part in the unique check
 * (a recently deleted duplicate does not collide, as in PostgreSQL).
 */
public interface IndexBuildScan extends HeapScan {
  /** Whether the current version is visible to the builder's snapshot. */
  boolean visible();
}
