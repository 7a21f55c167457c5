package org.minidb.storage.tx;

import java.util.Arrays;

/** Questions about xids relative to a {@link Snapshot} (PostgreSQL's XidInMVCCSnapshot). */
public final class SnapshotXids {
  private SnapshotXids() {}

  /**
   * True if {@code xid} must be treated as still running by the snapshot's owner: it had not started
   * (at or above xmax) or was running (in the in-progress set) when the snapshot was taken.
   */
  public static boolean isRunning(Snapshot s, long xid) {
    if (xid >= s.xmax()) return true;
    if (xid < s.xmin()) return false;
    return Arrays.binarySearch(s.inProgress(), xid) >= 0;
  }

  /** True if {@code xid} is the reader's own transaction or one of its live subtransactions. */
  public static boolean isOwn(Snapshot s, long xid) {
    if (xid == 0) return false;
    if (xid == s.ownXid()) return true;
    long[] subs = s.ownSubXids();
    return subs.length != 0 && Arrays.binarySearch(subs, xid) >= 0;
  }
}
