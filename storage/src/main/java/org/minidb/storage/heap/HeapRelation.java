package org.minidb.storage.heap;

import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/**
 * The heap file of one relation: slotted 8 KiB pages holding MVCC tuple versions (xmin, xmax, cmin, cmax
 * in the tuple header). Writers must hold the relation's write lock
 * ({@link Transaction#lockRelationForWrite}) until further notice.
 */
public interface HeapRelation {
  /** Inserts a new tuple version created by {@code tx} in its current command; returns its tid. */
  long insert(Transaction tx, byte[] tuple);

  /**
   * Marks the version at {@code tid} deleted by {@code tx} in its current command.
   *
   * @return false if the version was already deleted by this transaction's current command
   */
  boolean delete(Transaction tx, long tid);

  /** Deletes the version at {@code tid} and inserts {@code newTuple}; returns the new version's tid. */
  long update(Transaction tx, long tid, byte[] newTuple);

  /** Scans the versions visible to {@code snapshot}. */
  HeapScan scan(Snapshot snapshot);

  /** Number of pages in the heap file. */
  long pageCount();
}
