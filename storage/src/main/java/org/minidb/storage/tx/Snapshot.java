package org.minidb.storage.tx;

/**
 * What one statement (READ COMMITTED) may see: the transactions that had committed when it was taken, plus
 * the own transaction's changes made by earlier commands.
 *
 * <p>A tuple version is visible when its xmin committed before the snapshot (xmin &lt; xmax bound, not in the
 * in-progress set, and committed in the commit log) or is the own transaction with cmin &lt; {@code commandId};
 * and its xmax is not such a transaction. So an UPDATE never sees the versions it writes itself (they carry
 * the current command id), and INSERT INTO t SELECT ... FROM t reads t once.
 *
 * @param xmin every xid below it had finished when the snapshot was taken
 * @param xmax every xid at or above it had not started
 * @param inProgress xids in [xmin, xmax) that were running, sorted ascending
 * @param ownXid the reader's own transaction id, or 0 if it has none yet
 * @param commandId the reader's command id within its own transaction
 * @param ownSubXids the xids of the reader's live subtransactions (savepoints that wrote and were not rolled
 *     back), sorted ascending; their changes are the reader's own like {@code ownXid}'s
 */
public record Snapshot(long xmin, long xmax, long[] inProgress, long ownXid, int commandId, long[] ownSubXids) {
  private static final long[] NONE = new long[0];

  /** A snapshot of a reader without subtransactions. */
  public Snapshot(long xmin, long xmax, long[] inProgress, long ownXid, int commandId) {
    this(xmin, xmax, inProgress, ownXid, commandId, NONE);
  }
}
