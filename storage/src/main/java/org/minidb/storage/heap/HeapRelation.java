package org.minidb.storage.heap;

import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;

/**
 * The heap file of one relation: slotted 8 KiB pages holding MVCC tuple versions (xmin, xmax, cmin, cmax
 * in the tuple header). Callers hold a lock on the relation in a mode that allows the change (ROW_EXCLUSIVE for
 * DML); concurrent writers of one relation are fine: a version being changed by another running transaction
 * makes the writer wait for that transaction (row-level locking by xmax, as PostgreSQL's heapam).
 */
public interface HeapRelation {
  /**
   * The tuple (RowCodec bytes) {@code row} is stored as: the plain encoding, or, for a table with a TOAST
   * relation, the encoding with its large values already moved out of line by {@code tx}
   * ({@code toast/ToastedHeap}). Writers form tuples here rather than with RowCodec, so that a huge value is never
   * encoded inline first.
   */
  default byte[] formTuple(Transaction tx, java.util.List<org.minidb.common.types.DataType> types, Object[] row) {
    return org.minidb.common.encoding.RowCodec.encode(types, row);
  }

  /** Inserts a new tuple version created by {@code tx} in its current command; returns its tid. */
  long insert(Transaction tx, byte[] tuple);

  /**
   * Inserts several new tuples of {@code tx}'s current command (COPY FROM: PostgreSQL's heap_multi_insert),
   * filling a page with as many as fit under one latch and one WAL record; returns their tids in order.
   */
  default long[] insertBatch(Transaction tx, java.util.List<byte[]> tuples) {
    long[] tids = new long[tuples.size()];
    for (int i = 0; i < tids.length; i++) tids[i] = insert(tx, tuples.get(i));
    return tids;
  }

  /**
   * Marks the version at {@code tid} deleted by {@code tx} in its current command, waiting first for a running
   * transaction that is changing it.
   */
  TupleChange delete(Transaction tx, long tid);

  /**
   * Deletes the version at {@code tid} and inserts {@code newTuple} as its successor (waiting as delete does);
   * on success the result's tid is the new version's.
   */
  TupleChange update(Transaction tx, long tid, byte[] newTuple);

  /**
   * Locks the version at {@code tid} for {@code tx} (SELECT ... FOR UPDATE: its xmax is set as a lock only, so
   * the version stays visible). Waits for a running transaction that changes or locks it unless {@code wait} is
   * false (then WOULD_BLOCK). OK also when {@code tx} already locked or changed it.
   */
  TupleChange lock(Transaction tx, long tid, boolean wait);

  /**
   * Locks the version at {@code tid} in one of PostgreSQL's four row lock modes: lockers in modes that do not
   * conflict (two FOR SHARE, FOR KEY SHARE and FOR NO KEY UPDATE) hold the row together. Otherwise as
   * {@link #lock(Transaction, long, boolean)}, which is FOR UPDATE.
   */
  default TupleChange lock(Transaction tx, long tid, org.minidb.storage.tx.RowLockMode mode, boolean wait) {
    return lock(tx, tid, wait);
  }

  /**
   * Follows the update chain from {@code tid} (a version made by {@code creator}, as {@link TupleChange#updater}
   * says) to its newest version whose change is not committed (PostgreSQL's EvalPlanQual fetch): null if a
   * committed transaction deleted the row. Visibility to any snapshot is not checked: READ COMMITTED updates the
   * newest version of a row it saw.
   */
  TupleVersion fetchLatest(long tid, long creator);

  /**
   * Removes the versions no snapshot can see any more from every page (VACUUM), then truncates empty pages at
   * the end if ACCESS EXCLUSIVE can be had at once. {@code tx} already holds SHARE UPDATE EXCLUSIVE on the
   * relation.
   */
  VacuumStats vacuum(Transaction tx);

  /** Scans the versions visible to {@code snapshot}. */
  HeapScan scan(Snapshot snapshot);

  /**
   * Scans the versions visible to {@code snapshot} for {@code reader}'s current statement: a SERIALIZABLE
   * reader takes a SIREAD lock on the relation and records rw-conflicts with the concurrent writers of the
   * versions it meets (serializable snapshot isolation, {@code tx/ssi}).
   */
  default HeapScan scan(Snapshot snapshot, Transaction reader) { return scan(snapshot); }

  /** Number of pages in the heap file. */
  long pageCount();

  /** Number of pages of the table's TOAST relation (0 without one). */
  default long toastPageCount() { return 0; }
}
