package org.minidb.storage.heap;

/**
 * The outcome of deleting or updating one tuple version (PostgreSQL's TM_Result with the parts of TM_FailureData
 * the executor needs). A version being changed by a running transaction is never an outcome: the heap waits for
 * that transaction and looks again.
 *
 * @param tid OK: the new version's tid after an update (the old tid after a delete); UPDATED: the newer version
 *     a committed transaction made; otherwise -1
 * @param updater UPDATED: the xid that made the newer version (its xmin, checked when it is fetched); else 0
 * @param oldHadExternal OK: the deleted or replaced version has values stored out of line (its HEAP_HASEXTERNAL
 *     bit), so its TOAST chunks must be deleted; when false, {@code toast/ToastedHeap} need not read it again
 */
public record TupleChange(Status status, long tid, long updater, boolean oldHadExternal) {
  public TupleChange(Status status, long tid, long updater) { this(status, tid, updater, false); }

  public enum Status {
    /** Done. */
    OK,
    /** Already deleted or updated by the current command of this transaction (a join reached it twice). */
    SELF_MODIFIED,
    /** A committed concurrent transaction updated it; {@code tid} is the newer version. */
    UPDATED,
    /** A committed concurrent transaction deleted it. */
    DELETED,
    /** A running transaction holds it and the caller asked not to wait (NOWAIT, SKIP LOCKED). */
    WOULD_BLOCK
  }

  static final TupleChange SELF_MODIFIED = new TupleChange(Status.SELF_MODIFIED, -1, 0);
  static final TupleChange DELETED = new TupleChange(Status.DELETED, -1, 0);
  static final TupleChange WOULD_BLOCK = new TupleChange(Status.WOULD_BLOCK, -1, 0);

  static TupleChange ok(long tid) { return new TupleChange(Status.OK, tid, 0); }

  static TupleChange ok(long tid, boolean oldHadExternal) { return new TupleChange(Status.OK, tid, 0, oldHadExternal); }

  public boolean ok() { return status == Status.OK; }
}
