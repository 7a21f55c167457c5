package org.minidb.storage.heap;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.tx.CommitLog;
import org.minidb.storage.tx.MultiXacts;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.RowLockMode;
import org.minidb.storage.tx.Transaction;

/**
 * The row lock of one tuple version as a transaction that wants to lock or change it sees it (PostgreSQL's
 * heap_lock_tuple / heap_update checks of xmax and its infomask): the version's xmax is either nothing, an
 * updater or deleter, a single locker (XMAX_LOCK_ONLY, its mode in XMAX_KEYSHR_LOCK / XMAX_EXCL_LOCK), or several
 * lockers (XMAX_LOCK_ONLY | XMAX_IS_MULTI: a {@link MultiXacts} id). {@link #inspect} sorts the running lockers
 * into the requester's own, the others compatible with the requested mode, and a conflicting one to wait for.
 *
 * <p>Used under the page's exclusive latch, by one thread: an instance is scratch space for one request.
 */
final class TupleLockers {
  /** inspect outcomes (PagedHeap's). */
  static final long FREE = 0, SELF = 1, BUSY = 2, CHANGED = 3;

  private final MvccTransactionManager tm;
  /** Running lockers found by the last inspect: the requester's own first {@code own}, then the others. */
  private long[] xids = new long[4];
  private RowLockMode[] modes = new RowLockMode[4];
  private int own;
  private int count;

  TupleLockers(MvccTransactionManager tm) { this.tm = tm; }

  /**
   * What stands between {@code tx} and taking {@code mode} on the version at {@code off}: FREE (nothing, or only
   * lockers compatible with {@code mode} — kept here — or an aborted updater), SELF (tx or a live savepoint of it
   * changed it), BUSY (a running transaction holds a conflicting lock or changes it; its xid in {@code other[0]})
   * or CHANGED (a committed transaction changed it: the successor's tid in {@code other[0]}, its xid in
   * {@code other[1]}).
   */
  long inspect(MemorySegment page, int off, Transaction tx, RowLockMode mode, long[] other) {
    own = 0;
    count = 0;
    int mask = HeapTupleHeader.infomask(page, off);
    long xmax = HeapTupleHeader.xmax(page, off);
    if (xmax == 0 || (mask & HeapTupleHeader.XMAX_INVALID) != 0) return FREE;
    if ((mask & HeapTupleHeader.XMAX_LOCK_ONLY) != 0) {
      if ((mask & HeapTupleHeader.XMAX_IS_MULTI) == 0) return locker(tx, xmax, modeOf(mask), mode, other);
      for (long member : tm.multiXacts().members(xmax)) {
        if (locker(tx, MultiXacts.memberXid(member), MultiXacts.memberMode(member), mode, other) == BUSY) return BUSY;
      }
      return FREE;
    }
    if (tx.isOwnXid(xmax)) return SELF;
    int status = (mask & HeapTupleHeader.XMAX_COMMITTED) != 0 ? CommitLog.COMMITTED : tm.xidStatus(xmax);
    if (status == CommitLog.ABORTED) return FREE;
    if (status == CommitLog.IN_PROGRESS) {
      other[0] = xmax;
      return BUSY; // stricter than PostgreSQL for FOR KEY SHARE against a non-key update: it waits
    }
    other[0] = HeapTupleHeader.ctid(page, off);
    other[1] = xmax;
    return CHANGED;
  }

  private long locker(Transaction tx, long xid, RowLockMode held, RowLockMode wanted, long[] other) {
    if (tx.isOwnXid(xid)) {
      add(xid, held, true);
      return FREE;
    }
    if (tm.xidStatus(xid) != CommitLog.IN_PROGRESS) return FREE; // ended: its lock is gone
    if (wanted.conflictsWith(held)) {
      other[0] = xid;
      return BUSY;
    }
    add(xid, held, false);
    return FREE;
  }

  private void add(long xid, RowLockMode mode, boolean mine) {
    if (count == xids.length) {
      xids = Arrays.copyOf(xids, count * 2);
      modes = Arrays.copyOf(modes, count * 2);
    }
    if (mine) { // own lockers first
      xids[count] = xids[own];
      modes[count] = modes[own];
      xids[own] = xid;
      modes[own] = mode;
      own++;
    } else {
      xids[count] = xid;
      modes[count] = mode;
    }
    count++;
  }

  /** True if the requester already holds {@code mode} (or a stronger one) under xid {@code xid} or a parent's. */
  boolean ownHolds(RowLockMode mode) {
    for (int i = 0; i < own; i++) if (modes[i].ordinal() >= mode.ordinal()) return true;
    return false;
  }

  /** Number of running lockers other than the requester. */
  int others() { return count - own; }

  /** The first other running locker (to wait for when no multixact can be made). */
  long firstOther() { return xids[own]; }

  /**
   * Writes the lock of the lockers kept by inspect — the others, and with {@code withOwn} the requester's own —
   * plus {@code (xid, mode)} if {@code xid} is not 0, into xmax and the infomask of the header at {@code off}:
   * nothing, a single locker, or a new multixact. Returns false (nothing written) when there are too many
   * members or no multixact slot is free.
   */
  boolean write(MemorySegment header, int off, boolean withOwn, long xid, RowLockMode mode, int cid) {
    int from = withOwn ? 0 : own;
    long[] x = new long[count - from + 1];
    RowLockMode[] m = new RowLockMode[x.length];
    int n = 0;
    boolean merged = false;
    for (int i = from; i < count; i++) {
      x[n] = xids[i];
      m[n] = xids[i] == xid ? RowLockMode.max(modes[i], mode) : modes[i];
      merged |= xids[i] == xid;
      n++;
    }
    if (xid != 0 && !merged) {
      x[n] = xid;
      m[n++] = mode;
    }
    return writeLockers(tm, header, off, Arrays.copyOf(x, n), Arrays.copyOf(m, n), cid);
  }

  /** The other running lockers found by the last inspect (their xids and modes), for {@link #writeLockers}. */
  long[] otherXids() { return Arrays.copyOfRange(xids, own, count); }

  RowLockMode[] otherModes() { return Arrays.copyOfRange(modes, own, count); }

  /**
   * Makes {@code x} with modes {@code m} the row lock of the header at {@code off}: xmax nothing, a single locker
   * or a new multixact (false, nothing written, when there are too many or no slot is free).
   */
  static boolean writeLockers(MvccTransactionManager tm, MemorySegment header, int off, long[] x, RowLockMode[] m,
      int cid) {
    int n = x.length;
    int mask = HeapTupleHeader.infomask(header, off) & ~HeapTupleHeader.XMAX_BITS;
    if (n == 0) {
      HeapTupleHeader.setXmax(header, off, 0, 0);
      HeapTupleHeader.setInfomask(header, off, mask | HeapTupleHeader.XMAX_INVALID);
      return true;
    }
    if (n == 1) {
      HeapTupleHeader.setXmax(header, off, x[0], cid);
      HeapTupleHeader.setInfomask(header, off, mask | HeapTupleHeader.XMAX_LOCK_ONLY | bitsOf(m[0]));
      return true;
    }
    if (n > MultiXacts.MAX_MEMBERS) return false;
    long multi = tm.multiXacts().create(x, m);
    if (multi == 0) return false;
    HeapTupleHeader.setXmax(header, off, multi, cid);
    HeapTupleHeader.setInfomask(header, off, mask | HeapTupleHeader.XMAX_LOCK_ONLY | HeapTupleHeader.XMAX_IS_MULTI);
    return true;
  }

  /** The mode of a single locker, from its infomask (see HeapTupleHeader.XMAX_KEYSHR_LOCK). */
  static RowLockMode modeOf(int mask) {
    boolean keyShare = (mask & HeapTupleHeader.XMAX_KEYSHR_LOCK) != 0;
    boolean excl = (mask & HeapTupleHeader.XMAX_EXCL_LOCK) != 0;
    if (keyShare) return excl ? RowLockMode.SHARE : RowLockMode.KEY_SHARE;
    return excl ? RowLockMode.NO_KEY_UPDATE : RowLockMode.UPDATE;
  }

  static int bitsOf(RowLockMode mode) {
    return switch (mode) {
      case KEY_SHARE -> HeapTupleHeader.XMAX_KEYSHR_LOCK;
      case SHARE -> HeapTupleHeader.XMAX_KEYSHR_LOCK | HeapTupleHeader.XMAX_EXCL_LOCK;
      case NO_KEY_UPDATE -> HeapTupleHeader.XMAX_EXCL_LOCK;
      case UPDATE -> 0;
    };
  }
}
