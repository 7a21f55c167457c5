package org.minidb.storage.heap;

/**
 * The outcome of deleting or updating one tuple version (PostgreSQL's TM_Result with the parts of TM_FailureData
 * the executor needs). A version being changed by a running transaction is never an outcome: the heap waits for
 * that transaction and looks again.
 *
 * @param tid OK: the new version's tid after an update (the old tid after a delete); UPDATED: the newer version
 *     a committed transaction made; otherwise -1
 * @param updater UPDATED: the xid that made the newer version (its xmin, checked when it is fetched); else 0
 */
public record TupleChange(Status status, long tid, long updater) {
  public enum Status {
    /** Done. */
    OK,
    /** Already deleted or updated by the current command of this transaction (a join reached it twice). */
    SELF_MODIFIED,
    /** A committed concurrent transaction updated it; {@code tid} is the newer version. */
    UPDATED,
    /** A committed concurrent transaction deleted it. */
    DELETED
  }

  static final TupleChange SELF_MODIFIED = new TupleChange(Status.SELF_MODIFIED, -1, 0);
  static final TupleChange DELETED = new TupleChange(Status.DELETED, -1, 0);

  static TupleChange ok(long tid) { return new TupleChange(Status.OK, tid, 0); }

  public boolean ok() { return status == Status.OK; }
}
