package org.minidb.storage.heap;

import java.util.List;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.buffer.PageChange;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.page.Page;
import org.minidb.storage.tx.CommitLog;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.RowLockMode;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.tx.ssi.SerializableXact;
import org.minidb.storage.wal.ResourceManagers;

/**
 * A heap relation on slotted pages in the shared buffer pool (PostgreSQL's heapam). Many transactions may
 * write one heap at once: a version's xmax is its row lock — a writer that finds another running
 * transaction's xmax on the version it wants releases the latch and waits for that transaction
 * ({@link Transaction#waitForTransaction}), then looks again. A page's content latch is held only while one page is looked at or changed; no
 * latch is held while another buffer is read in. Every page change is WAL-logged through {@link PageChange}
 * under the exclusive latch (hint bits are not: see {@link BufferPool#markDirtyHint}).
 */
public final class PagedHeap implements HeapRelation {
  /** Largest tuple data (RowCodec bytes) that fits on a page together with its header. */
  public static final int MAX_TUPLE_DATA = Page.MAX_ITEM_SIZE - HeapTupleHeader.SIZE;

  private final BufferPool pool;
  private final FileManager files;
  private final MvccTransactionManager tm;
  private final long relOid;
  private final RelFileLocator locator;
  private final FreeSpaceMap fsm;
  private final HeapStatistics stats;
  /**
   * Whether index entries may point at this heap's tids: then pruning leaves dead items LP_DEAD (a reused line
   * pointer would let an old index entry name another row), and only VACUUM makes them LP_UNUSED, after the index
   * entries pointing at them are gone (PostgreSQL's vacuumlazy: prune, bulk-delete from the indexes, then mark unused).
   */
  private final boolean indexed;
  private final VisibilityMap visibilityMap;
  private final java.util.function.Predicate<byte[]> hasExternal;
  private final boolean pruneOnRead;

  /** Whether this heap sets HEAP_HASEXTERNAL (a table with a TOAST relation). */
  public boolean marksExternal() { return hasExternal != null; }

  /** HEAP_HASEXTERNAL when the tuple holds a value stored out of line, else 0. */
  private int externalBit(byte[] tuple) {
    return hasExternal != null && hasExternal.test(tuple) ? HeapTupleHeader.HASEXTERNAL : 0;
  }

  /** Whether the version at {@code off} (page latched) has values out of line; always false without TOAST. */
  private boolean hadExternal(MemorySegment page, int off) {
    return hasExternal != null && (HeapTupleHeader.infomask(page, off) & HeapTupleHeader.HASEXTERNAL) != 0;
  }

  public PagedHeap(BufferPool pool, FileManager files, MvccTransactionManager tm, long relOid,
      RelFileLocator locator, FreeSpaceMap fsm, HeapStatistics stats) {
    this(pool, files, tm, relOid, locator, fsm, stats, false);
  }

  public PagedHeap(BufferPool pool, FileManager files, MvccTransactionManager tm, long relOid,
      RelFileLocator locator, FreeSpaceMap fsm, HeapStatistics stats, boolean indexed) {
    this(pool, files, tm, relOid, locator, fsm, stats, indexed, null);
  }

  /**
   * @param hasExternal for a table with a TOAST relation: whether a tuple (RowCodec bytes) holds a value stored out
   *     of line, to set HEAP_HASEXTERNAL on its version; null for a heap without TOAST (never set)
   */
  public PagedHeap(BufferPool pool, FileManager files, MvccTransactionManager tm, long relOid,
      RelFileLocator locator, FreeSpaceMap fsm, HeapStatistics stats, boolean indexed,
      java.util.function.Predicate<byte[]> hasExternal) {
    this(pool, files, tm, relOid, locator, fsm, stats, indexed, hasExternal, false);
  }

  /** @param pruneOnRead sequential scans prune pages on the way ({@link #readPruner}): a user table's heap */
  public PagedHeap(BufferPool pool, FileManager files, MvccTransactionManager tm, long relOid,
      RelFileLocator locator, FreeSpaceMap fsm, HeapStatistics stats, boolean indexed,
      java.util.function.Predicate<byte[]> hasExternal, boolean pruneOnRead) {
    this.pruneOnRead = pruneOnRead;
    this.hasExternal = hasExternal;
    this.indexed = indexed;
    this.visibilityMap = new VisibilityMap(pool, files, locator);
    this.pool = pool;
    this.files = files;
    this.tm = tm;
    this.relOid = relOid;
    this.locator = locator;
    this.fsm = fsm;
    this.stats = stats;
  }

  public RelFileLocator locator() { return locator; }

  public long relOid() { return relOid; }

  /** The heap's visibility map (index-only scans read it; VACUUM sets it; changes clear it). */
  public VisibilityMap visibilityMap() { return visibilityMap; }

  @Override
  public long insert(Transaction tx, byte[] tuple) {
    checkSize(tuple);
    byte[] item = HeapTupleHeader.build(tx.xid(), tx.commandId(), externalBit(tuple), tuple);
    long tid = place(item, -1, tx.xid(), ResourceManagers.HEAP_INSERT, tx.serializableXact());
    stats.rowsInserted(tx, 1);
    return tid;
  }

  /** Fills each page with as many of the tuples as fit, under one latch and one WAL record per page. */
  @Override
  public long[] insertBatch(Transaction tx, List<byte[]> tuples) {
    byte[][] items = new byte[tuples.size()][];
    for (int i = 0; i < items.length; i++) {
      checkSize(tuples.get(i));
      items[i] = HeapTupleHeader.build(tx.xid(), tx.commandId(), externalBit(tuples.get(i)), tuples.get(i));
    }
    long[] tids = new long[items.length];
    for (int i = 0; i < items.length; ) {
      i += placeFrom(items, i, tids, -1, tx.xid(), ResourceManagers.HEAP_INSERT, tx.serializableXact());
    }
    stats.rowsInserted(tx, items.length);
    return tids;
  }

  @Override
  public TupleChange delete(Transaction tx, long tid) {
    long xid = tx.xid();
    int cid = tx.commandId();
    SerializableXact sx = tx.serializableXact();
    long[] other = new long[2];
    TupleLockers lockers = new TupleLockers(tm);
    boolean[] external = new boolean[1];
    for (int attempt = 0; ; attempt++) {
      long outcome = withExclusivePage(pool.readBuffer(locator, ItemPointer.block(tid)), (buf, page) -> {
        int off = itemOffset(page, tid);
        long state = lockers.inspect(page, off, tx, RowLockMode.UPDATE, other); // DELETE takes FOR UPDATE
        if (state != FREE) return state;
        checkConflictIn(sx);
        PageChange change = PageChange.begin(pool, buf);
        visibilityMap.clearBeforeChange(page, ItemPointer.block(tid), xid);
        setXmax(page, off, xid, cid);
        change.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_DELETE);
        external[0] = hadExternal(page, off);
        return FREE;
      });
      if (outcome == FREE) {
        stats.versionDeleted(tx);
        return TupleChange.ok(tid, external[0]);
      }
      TupleChange failed = failure(tx, outcome, tid, other, attempt);
      if (failed != null) return failed;
    }
  }

  @Override
  public TupleChange lock(Transaction tx, long tid, boolean wait) { return lock(tx, tid, RowLockMode.UPDATE, wait); }

  /**
   * Locks the version at {@code tid} in {@code mode} (SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE,
   * PostgreSQL's heap_lock_tuple): the lockers still running whose modes do not conflict keep their lock; with
   * them, xmax names a multixact. Waits for a running transaction holding a conflicting lock or changing the row
   * unless {@code wait} is false (then WOULD_BLOCK). OK also when {@code tx} already holds the mode or changed it.
   */
  @Override
  public TupleChange lock(Transaction tx, long tid, RowLockMode mode, boolean wait) {
    long xid = tx.xid();
    int cid = tx.commandId();
    long[] other = new long[2];
    TupleLockers lockers = new TupleLockers(tm);
    boolean[] external = new boolean[1];
    for (int attempt = 0; ; attempt++) {
      long outcome = withExclusivePage(pool.readBuffer(locator, ItemPointer.block(tid)), (buf, page) -> {
        int off = itemOffset(page, tid);
        long state = lockers.inspect(page, off, tx, mode, other);
        if (state != FREE) return state;
        if (lockers.ownHolds(mode)) return SELF;
        PageChange change = PageChange.begin(pool, buf);
        if (!lockers.write(page, off, true, xid, mode, cid)) { // too many lockers: wait for one of them
          other[0] = lockers.firstOther();
          return BUSY;
        }
        Page.setFlag(page, Page.PD_PRUNABLE, true);
        change.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_LOCK);
        return FREE;
      });
      if (outcome == FREE || outcome == SELF) return TupleChange.ok(tid);
      if (outcome == BUSY && !wait) return TupleChange.WOULD_BLOCK;
      TupleChange failed = failure(tx, outcome, tid, other, attempt);
      if (failed != null) return failed;
    }
  }

  /**
   * Deletes the version at {@code tid} and inserts the new one, on the same page when it fits (then the
   * successor link is set in the same WAL record).
   */
  @Override
  public TupleChange update(Transaction tx, long tid, byte[] newTuple) { return update(tx, tid, newTuple, null); }

  /**
   * Updates as {@link #update(Transaction, long, byte[])}, taking FOR NO KEY UPDATE on the old version unless
   * {@code keysChanged} (old tuple data, new tuple data) says a key column changes (then FOR UPDATE; null: no
   * key). Lockers in FOR KEY SHARE do not stop a no-key update: their lock moves to the new version (PostgreSQL
   * carries it over in heap_update too).
   */
  public TupleChange update(Transaction tx, long tid, byte[] newTuple, BiPredicate<byte[], byte[]> keysChanged) {
    checkSize(newTuple);
    long xid = tx.xid();
    int cid = tx.commandId();
    byte[] item = HeapTupleHeader.build(xid, cid, HeapTupleHeader.UPDATED | externalBit(newTuple), newTuple);
    long block = ItemPointer.block(tid);
    SerializableXact sx = tx.serializableXact();
    long[] other = new long[2];
    TupleLockers lockers = new TupleLockers(tm);
    MemorySegment newHeader = MemorySegment.ofArray(item);
    boolean[] external = new boolean[1];
    for (int attempt = 0; ; attempt++) {
      long outcome = withExclusivePage(pool.readBuffer(locator, block), (buf, page) -> {
        int off = itemOffset(page, tid);
        long state = lockers.inspect(page, off, tx, RowLockMode.NO_KEY_UPDATE, other);
        if (state == FREE && lockers.others() > 0 && keysChanged != null
            && keysChanged.test(Page.itemBytes(page, ItemPointer.offsetNumber(tid), HeapTupleHeader.SIZE), newTuple)) {
          state = lockers.inspect(page, off, tx, RowLockMode.UPDATE, other);
        }
        if (state != FREE) return state;
        if (!lockers.write(newHeader, 0, false, 0, null, 0)) { // the others' FOR KEY SHARE, carried over
          other[0] = lockers.firstOther();
          return BUSY;
        }
        checkConflictIn(sx);
        PageChange change = PageChange.begin(pool, buf);
        visibilityMap.clearBeforeChange(page, block, xid);
        setXmax(page, off, xid, cid);
        external[0] = hadExternal(page, off); // read before pruning may move the version
        pruneIfNearlyFull(page, item.length);
        int n = Page.addItem(page, item);
        if (n > 0) {
          long newTid = ItemPointer.of(block, n);
          HeapTupleHeader.setCtid(page, Page.itemOffset(page, n), newTid);
          // Pruning may have moved the old version: find it again by its offset number.
          HeapTupleHeader.setCtid(page, Page.itemOffset(page, ItemPointer.offsetNumber(tid)), newTid);
          other[0] = newTid;
        } else {
          other[0] = -1;
        }
        change.log(xid, ResourceManagers.HEAP, n > 0 ? ResourceManagers.HEAP_UPDATE : ResourceManagers.HEAP_DELETE);
        fsm.record(block, Page.freeSpace(page));
        return FREE;
      });
      if (outcome == FREE) {
        stats.versionDeleted(tx);
        long newTid = other[0] >= 0 ? other[0] : placeSuccessor(tid, item, xid);
        if (lockers.others() > 0) { // should this update abort, the lockers' FOR KEY SHARE is on the old version again
          long[] xids = lockers.otherXids();
          RowLockMode[] modes = lockers.otherModes();
          tx.beforeAbort(() -> restoreLockers(tid, xid, xids, modes));
        }
        return TupleChange.ok(newTid, external[0]);
      }
      TupleChange failed = failure(tx, outcome, tid, other, attempt);
      if (failed != null) return failed;
    }
  }

  /**
   * An update that moved FOR KEY SHARE lockers to its new version aborts (run while its xid is still in progress,
   * so nobody has acted on the old version meanwhile: they all wait for {@code xid}): the old version's xmax
   * becomes those lockers again instead of the updater (PostgreSQL keeps both in one multixact instead).
   */
  private void restoreLockers(long tid, long xid, long[] xids, RowLockMode[] modes) {
    withExclusivePage(pool.readBuffer(locator, ItemPointer.block(tid)), (buf, page) -> {
      int off = itemOffset(page, tid);
      int mask = HeapTupleHeader.infomask(page, off);
      if (HeapTupleHeader.xmax(page, off) != xid || (mask & HeapTupleHeader.XMAX_LOCK_ONLY) != 0) return 0;
      PageChange change = PageChange.begin(pool, buf);
      if (TupleLockers.writeLockers(tm, page, off, xids, modes, 0)) {
        change.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_LOCK);
      }
      return 0;
    });
  }

  /**
   * The new version of an update goes to another page; then the old one (whose xmax is already this
   * transaction's, so nobody else changes it meanwhile) learns where it went.
   */
  private long placeSuccessor(long tid, byte[] item, long xid) {
    long block = ItemPointer.block(tid);
    long newTid = place(item, block, xid, ResourceManagers.HEAP_UPDATE, null); // checked with the old version
    withExclusivePage(pool.readBuffer(locator, block), (buf, page) -> {
      int off = itemOffset(page, tid);
      PageChange change = PageChange.begin(pool, buf);
      HeapTupleHeader.setCtid(page, off, newTid);
      change.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_UPDATE_LINK);
      return 0;
    });
    return newTid;
  }

  /**
   * TupleLockers.inspect outcomes; CHANGED leaves the successor's tid (the own tid after a delete) in
   * {@code other[0]} and the committed xmax in {@code other[1]}.
   */
  private static final long FREE = TupleLockers.FREE, SELF = TupleLockers.SELF, BUSY = TupleLockers.BUSY,
      CHANGED = TupleLockers.CHANGED;

  /** A bound on waits for one version: each wait ends a transaction, so hitting it means a bug. */
  private static final int MAX_WAITS = 1_000_000;

  /** After TupleLockers.inspect refused: waits for a BUSY version's transaction (then null: try again) or says why not. */
  private static TupleChange failure(Transaction tx, long outcome, long tid, long[] other, int attempt) {
    if (outcome == SELF) return TupleChange.SELF_MODIFIED;
    if (outcome == CHANGED) {
      return other[0] == tid ? TupleChange.DELETED : new TupleChange(TupleChange.Status.UPDATED, other[0], other[1]);
    }
    if (attempt >= MAX_WAITS) throw DbException.internal("tuple " + ItemPointer.toString(tid) + " never freed", null);
    tx.waitForTransaction(other[0]); // no latch is held here
    return null;
  }

  @Override
  public TupleVersion fetchLatest(long tid, long creator) {
    long current = tid;
    long expectedXmin = creator;
    long[] next = new long[2];
    byte[][] data = new byte[1][];
    for (int hops = 0; hops < MAX_WAITS; hops++) {
      long at = current;
      long expected = expectedXmin;
      int buf = pool.readBuffer(locator, ItemPointer.block(at));
      try {
        pool.lockShared(buf);
        try {
          readChainLink(pool.page(buf), at, expected, next, data);
        } finally {
          pool.unlockContent(buf);
        }
      } finally {
        pool.unpin(buf);
      }
      if (next[0] == -1) return new TupleVersion(at, data[0]);
      if (next[0] == -2 || next[0] == at) return null; // gone, or deleted
      current = next[0];
      expectedXmin = next[1];
    }
    throw DbException.internal("update chain from " + ItemPointer.toString(tid) + " does not end", null);
  }

  /**
   * One step of fetchLatest on a share-latched page: {@code next = {-1}} and the data when the version at
   * {@code tid} is the newest; {@code {-2}} when the slot no longer holds the version made by {@code expectedXmin}
   * (pruned: the row is gone for the caller); else its successor's tid and the xid that made it.
   */
  private void readChainLink(MemorySegment page, long tid, long expectedXmin, long[] next, byte[][] data) {
    int n = ItemPointer.offsetNumber(tid);
    if (Page.isNew(page) || n < 1 || n > Page.itemCount(page) || Page.itemFlags(page, n) != Page.LP_NORMAL) {
      next[0] = -2;
      return;
    }
    int off = Page.itemOffset(page, n);
    if (expectedXmin != 0 && HeapTupleHeader.xmin(page, off) != expectedXmin) {
      next[0] = -2;
      return;
    }
    int mask = HeapTupleHeader.infomask(page, off);
    long xmax = HeapTupleHeader.xmax(page, off);
    boolean changed = xmax != 0 && (mask & (HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_LOCK_ONLY)) == 0
        && ((mask & HeapTupleHeader.XMAX_COMMITTED) != 0 || tm.xidStatus(xmax) == CommitLog.COMMITTED);
    if (!changed) {
      next[0] = -1;
      data[0] = Page.itemBytes(page, n, HeapTupleHeader.SIZE);
    } else {
      next[0] = HeapTupleHeader.ctid(page, off);
      next[1] = xmax;
    }
  }

  @Override
  public VacuumStats vacuum(Transaction tx) { return vacuum(tx, dead -> { }); }

  /**
   * VACUUM of a heap whose indexes {@code removeIndexEntries} cleans: pruning leaves dead items LP_DEAD; their tids
   * go to {@code removeIndexEntries} (which deletes every index entry pointing at one), then they become LP_UNUSED.
   */
  public VacuumStats vacuum(Transaction tx, Consumer<Set<Long>> removeIndexEntries) {
    long horizon = tm.oldestXmin();
    Set<Long> dead = new HashSet<>();
    long pages = pageCount();
    long removed = 0;
    long live = 0;
    long recentlyDead = 0;
    for (long block = 0; block < pages; block++) {
      long[] counts = new long[3];
      withExclusivePage(pool.readBuffer(locator, block), (buf, page) -> {
        PageChange change = PageChange.begin(pool, buf);
        HeapPruning.Result r = HeapPruning.prune(page, horizon, tm, indexed);
        boolean visible = markAllVisible(page, horizon);
        if (r.removed() > 0 || visible) {
          change.log(0, ResourceManagers.HEAP, r.removed() > 0 ? ResourceManagers.HEAP_PRUNE : ResourceManagers.HEAP_VISIBLE);
        }
        if (Page.hasFlag(page, Page.PD_ALL_VISIBLE)) visibilityMap.set(pool.blockNumber(buf));
        counts[0] = r.removed();
        counts[1] = r.live();
        counts[2] = r.deadButNotRemovable();
        if (!Page.isNew(page)) fsm.record(pool.blockNumber(buf), Page.freeSpace(page));
        if (indexed) collectDead(page, pool.blockNumber(buf), dead);
        return 0;
      });
      removed += counts[0];
      live += counts[1];
      recentlyDead += counts[2];
    }
    if (!dead.isEmpty()) {
      removeIndexEntries.accept(dead);
      freeDeadLinePointers(dead, horizon);
    }
    long remainingPages = truncateEmptyTail(tx);
    VacuumStats result = new VacuumStats(pages, remainingPages, removed, live, recentlyDead);
    stats.vacuumed(result);
    return result;
  }

  /**
   * Flags a page (latched exclusively inside a page change) PD_ALL_VISIBLE when every version on it is visible to
   * all ({@link HeapPruning#allVisible}); the caller then sets its visibility map bit. True if the flag was set now.
   * An empty page qualifies too (as in PostgreSQL): an insert clears it, a truncation clears its bit.
   */
  private static boolean markAllVisible(MemorySegment page, long horizon, MvccTransactionManager tm) {
    if (Page.isNew(page) || Page.hasFlag(page, Page.PD_ALL_VISIBLE)) return false;
    if (!HeapPruning.allVisible(page, horizon, tm)) return false;
    Page.setFlag(page, Page.PD_ALL_VISIBLE, true);
    return true;
  }

  private boolean markAllVisible(MemorySegment page, long horizon) { return markAllVisible(page, horizon, tm); }

  private static void collectDead(MemorySegment page, long block, Set<Long> dead) {
    if (Page.isNew(page)) return;
    for (int i = 1, n = Page.itemCount(page); i <= n; i++) {
      if (Page.itemFlags(page, i) == Page.LP_DEAD) dead.add(ItemPointer.of(block, i));
    }
  }

  /** VACUUM's last heap pass: the LP_DEAD items whose index entries are gone become LP_UNUSED (reusable). */
  private void freeDeadLinePointers(Set<Long> dead, long horizon) {
    java.util.TreeMap<Long, List<Integer>> byBlock = new java.util.TreeMap<>();
    for (long tid : dead) byBlock.computeIfAbsent(ItemPointer.block(tid), b -> new ArrayList<>()).add(ItemPointer.offsetNumber(tid));
    for (var e : byBlock.entrySet()) {
      withExclusivePage(pool.readBuffer(locator, e.getKey()), (buf, page) -> {
        PageChange change = PageChange.begin(pool, buf);
        for (int n : e.getValue()) if (n <= Page.itemCount(page) && Page.itemFlags(page, n) == Page.LP_DEAD) Page.setUnused(page, n);
        Page.repairFragmentation(page);
        markAllVisible(page, horizon);
        change.log(0, ResourceManagers.HEAP, ResourceManagers.HEAP_PRUNE);
        if (Page.hasFlag(page, Page.PD_ALL_VISIBLE)) visibilityMap.set(pool.blockNumber(buf));
        fsm.record(pool.blockNumber(buf), Page.freeSpace(page));
        return 0;
      });
    }
  }

  /**
   * Gives the empty pages at the end of the heap back to the file system, as PostgreSQL's VACUUM does, if ACCESS
   * EXCLUSIVE can be had without waiting (no one is reading or writing the table; otherwise nothing is done).
   * Not WAL-logged: after a crash, replay may extend the file again, with pages that end up empty. Returns the
   * new number of pages.
   */
  private long truncateEmptyTail(Transaction tx) {
    long pages = pageCount();
    if (pages == 0 || !isEmpty(pages - 1) || !tx.tryLockRelation(relOid, LockMode.ACCESS_EXCLUSIVE)) return pages;
    long keep = pageCount();
    while (keep > 0 && isEmpty(keep - 1)) keep--;
    visibilityMap.truncate(keep);
    pool.dropRelation(locator, keep);
    files.file(locator).truncate(keep);
    fsm.truncate(keep);
    return keep;
  }

  private boolean isEmpty(long block) {
    int buf = pool.readBuffer(locator, block);
    try {
      pool.lockShared(buf);
      try {
        MemorySegment page = pool.page(buf);
        return Page.isNew(page) || Page.itemCount(page) == 0;
      } finally {
        pool.unlockContent(buf);
      }
    } finally {
      pool.unpin(buf);
    }
  }

  /** Work on one page while its buffer is pinned and its content latched exclusively. */
  @FunctionalInterface
  private interface PageWork {
    long apply(int buf, MemorySegment page);
  }

  /**
   * Latches the pinned buffer exclusively, runs {@code work}, then releases the latch and the pin (also on an
   * error): the one shape every heap change takes.
   */
  private long withExclusivePage(int pinnedBuf, PageWork work) {
    try {
      pool.lockExclusive(pinnedBuf);
      try {
        return work.apply(pinnedBuf, pool.page(pinnedBuf));
      } finally {
        pool.unlockContent(pinnedBuf);
      }
    } finally {
      pool.unpin(pinnedBuf);
    }
  }

  /**
   * Whether the version at {@code tid} keeps {@code tx} from inserting another entry with its key into a unique
   * index (PostgreSQL's _bt_check_unique with SnapshotDirty): {@code BTree.NO_CONFLICT} (0) when it is dead,
   * deleted by a committed transaction or by {@code tx}, or gone; {@code BTree.CONFLICT} (-1) when it is live;
   * else the xid of the running transaction inserting or deleting it, to wait for. Reads under the shared latch.
   */
  public long uniqueVerdict(Transaction tx, long tid) { return uniqueVerdict(tx, tid, null); }

  /**
   * {@link #uniqueVerdict(Transaction, long)}, answering {@code BTree.DEAD} (-2) instead of NO_CONFLICT when the
   * version is gone or dead to every transaction below the horizon {@code horizon} gives (asked only then; null:
   * never), so that the caller flags the index entry LP_DEAD.
   */
  public long uniqueVerdict(Transaction tx, long tid, HorizonCache horizon) {
    return readLatched(tid, (page, n, hinted) -> {
      if (n == 0) return horizon == null ? 0 : DEAD_TO_ALL;
      int off = Page.itemOffset(page, n);
      long v = HeapUniqueness.verdict(page, off, tx, tm);
      if (v != 0 || horizon == null) return v;
      return HeapPruning.state(page, off, horizon.get(), tm) == HeapPruning.State.DEAD ? DEAD_TO_ALL : 0;
    });
  }

  /** {@code BTree.DEAD}: the version an index entry names is dead to all transactions. */
  private static final long DEAD_TO_ALL = -2;

  /**
   * The xmin horizon ({@link MvccTransactionManager#oldestXmin}) read once per index scan or unique check, when a
   * version is first found invisible: it only moves forward, so a stale value only kills fewer entries.
   */
  public final class HorizonCache {
    private long horizon = -1;

    public long get() {
      if (horizon < 0) horizon = tm.oldestXmin();
      return horizon;
    }
  }

  /** A new horizon cache for one index scan or unique check. */
  public HorizonCache horizonCache() { return new HorizonCache(); }

  /** The data of the version at {@code tid} if {@code snapshot} sees it, else null (index scans). */
  public byte[] fetch(long tid, Snapshot snapshot) { return fetch(tid, snapshot, null, null); }

  /**
   * {@link #fetch(long, Snapshot)} that also says, in {@code allDead[0]}, whether the index entry naming {@code tid}
   * may be flagged LP_DEAD: the slot holds no version any more, or its version is dead to all transactions
   * (PostgreSQL's heap_hot_search_buffer all_dead, HeapTupleSatisfiesVacuum DEAD).
   */
  public byte[] fetch(long tid, Snapshot snapshot, HorizonCache horizon, boolean[] allDead) {
    byte[][] out = new byte[1][];
    if (allDead != null) allDead[0] = false;
    readLatched(tid, (page, n, hinted) -> {
      if (n == 0) {
        if (allDead != null) allDead[0] = true;
        return 0;
      }
      int off = Page.itemOffset(page, n);
      int v = HeapTupleVisibility.check(page, off, snapshot, tm);
      hinted[0] = (v & HeapTupleVisibility.HINTED) != 0;
      if ((v & HeapTupleVisibility.VISIBLE) != 0) {
        out[0] = Page.itemBytes(page, n, HeapTupleHeader.SIZE);
      } else if (allDead != null) {
        allDead[0] = HeapPruning.state(page, off, horizon.get(), tm) == HeapPruning.State.DEAD;
      }
      return 0;
    });
    return out[0];
  }

  /** Whether {@code snapshot} sees the version at {@code tid} (index-only scans, for pages not all-visible). */
  public boolean isVisible(long tid, Snapshot snapshot) { return isVisible(tid, snapshot, null, null); }

  /** {@link #isVisible(long, Snapshot)}, saying in {@code allDead[0]} what {@link #fetch(long, Snapshot,
   * HorizonCache, boolean[])} says. */
  public boolean isVisible(long tid, Snapshot snapshot, HorizonCache horizon, boolean[] allDead) {
    if (allDead != null) allDead[0] = false;
    return readLatched(tid, (page, n, hinted) -> {
      if (n == 0) {
        if (allDead != null) allDead[0] = true;
        return 0;
      }
      int off = Page.itemOffset(page, n);
      int v = HeapTupleVisibility.check(page, off, snapshot, tm);
      hinted[0] = (v & HeapTupleVisibility.HINTED) != 0;
      if ((v & HeapTupleVisibility.VISIBLE) == 0 && allDead != null) {
        allDead[0] = HeapPruning.state(page, off, horizon.get(), tm) == HeapPruning.State.DEAD;
      }
      return v & HeapTupleVisibility.VISIBLE;
    }) != 0;
  }

  /**
   * The data of the normal item at {@code tid} whatever its visibility, or null when the slot holds none: TOAST
   * chunks (whose tids stay valid while a visible version points at them, see {@code toast/ToastRelation}) and a
   * version the caller itself just deleted or replaced.
   */
  public byte[] fetchItem(long tid) {
    byte[][] out = new byte[1][];
    readLatched(tid, (page, n, hinted) -> {
      if (n != 0) out[0] = Page.itemBytes(page, n, HeapTupleHeader.SIZE);
      return 0;
    });
    return out[0];
  }

  private interface ItemReader {
    /** {@code n} is the item's offset number, 0 when the slot holds no normal item; set hinted[0] after hints. */
    long read(MemorySegment page, int n, boolean[] hinted);
  }

  /** Runs {@code reader} on the item at {@code tid} under the page's shared latch (hint bits it sets are not logged). */
  private long readLatched(long tid, ItemReader reader) {
    long block = ItemPointer.block(tid);
    boolean[] hinted = new boolean[1];
    if (block >= pageCount()) return reader.read(null, 0, hinted);
    int buf = pool.readBuffer(locator, block);
    try {
      pool.lockShared(buf);
      try {
        MemorySegment page = pool.page(buf);
        int n = ItemPointer.offsetNumber(tid);
        boolean normal = !Page.isNew(page) && n >= 1 && n <= Page.itemCount(page)
            && Page.itemFlags(page, n) == Page.LP_NORMAL;
        long r = reader.read(page, normal ? n : 0, hinted);
        if (hinted[0]) pool.markDirtyHint(buf);
        return r;
      } finally {
        pool.unlockContent(buf);
      }
    } finally {
      pool.unpin(buf);
    }
  }

  @Override
  public HeapScan scan(Snapshot snapshot) {
    return new PagedHeapScan(pool, tm, locator, pageCount(), snapshot, fsm, null).pruningOnRead(readPruner());
  }

  /**
   * On-access pruning by readers (PostgreSQL's heap_page_prune_opt, called from heapgetpage): a page that had
   * versions deleted since its last pruning and has less than a tenth of itself free is pruned before a sequential
   * scan reads it, if its exclusive latch is free at once (never waiting: a reader must not queue behind writers
   * for housekeeping). Without it, pages filled with dead versions of a hot row stay until VACUUM, since writers
   * only prune the page they are adding to, and every scan of the table walks them. Only user tables' heaps do
   * it (the engine's {@code heap(TableDef)}): catalog readers take snapshots that do not hold the horizon back.
   */
  private java.util.function.IntConsumer readPruner() {
    if (!pruneOnRead) return null;
    return buf -> {
      MemorySegment page = pool.page(buf);
      // An unlatched peek (a stale answer only skips or tries a pruning); checked again under the latch.
      if (Page.isNew(page) || !Page.hasFlag(page, Page.PD_PRUNABLE) || Page.freeSpace(page) >= Page.SIZE / 10) return;
      if (!pool.tryLockExclusive(buf)) return;
      try {
        if (!Page.hasFlag(page, Page.PD_PRUNABLE) || Page.freeSpace(page) >= Page.SIZE / 10) return;
        PageChange change = PageChange.begin(pool, buf);
        HeapPruning.Result r = HeapPruning.prune(page, tm.oldestXmin(), tm, indexed);
        change.log(0, ResourceManagers.HEAP, ResourceManagers.HEAP_PRUNE); // logs nothing when nothing changed
        if (r.removed() > 0) fsm.record(pool.blockNumber(buf), Page.freeSpace(page));
      } finally {
        pool.unlockContent(buf);
      }
    };
  }

  @Override
  public HeapScan scan(Snapshot snapshot, Transaction reader) {
    SerializableXact sx = reader == null ? null : reader.serializableXact();
    // The SIREAD lock comes before the page count: a writer either sees it or wrote before the scan read.
    if (sx != null) tm.predicateLocks().readRelation(sx, relOid);
    return new PagedHeapScan(pool, tm, locator, pageCount(), snapshot, fsm, sx).pruningOnRead(readPruner());
  }

  /**
   * The scan CREATE INDEX builds from ({@link IndexBuildScan}); the caller holds SHARE on the table, so no
   * other transaction is changing it, and the horizon taken now only moves forward.
   */
  public IndexBuildScan scanForIndexBuild(Snapshot builder) {
    return new PagedHeapScan(pool, tm, locator, pageCount(), builder, fsm, null, tm.oldestXmin());
  }

  /** A SERIALIZABLE writer is about to change this relation (page latched exclusively): readers → writer. */
  private void checkConflictIn(SerializableXact sx) {
    if (sx != null) tm.predicateLocks().conflictIn(sx, relOid);
  }

  @Override
  public long pageCount() { return files.file(locator).nblocks(); }

  private static void checkSize(byte[] tuple) {
    int size = tuple.length + HeapTupleHeader.SIZE;
    if (size > Page.MAX_ITEM_SIZE) {
      throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED,
          "row is too big: size " + size + ", maximum size " + Page.MAX_ITEM_SIZE);
    }
  }

  /**
   * On-access pruning (PostgreSQL's heap_page_prune_opt): a page about to have less than a tenth of itself free
   * after taking an item of {@code itemLength} bytes, that has had versions deleted since it was last pruned,
   * gets its dead versions removed first — early enough that versions still visible to running snapshots fit
   * beside the new ones, so an update-heavy table keeps its rows on their pages. The page is latched
   * exclusively inside the caller's PageChange, which logs the result with the caller's change.
   */
  private void pruneIfNearlyFull(MemorySegment page, int itemLength) {
    if (Page.hasFlag(page, Page.PD_PRUNABLE) && Page.freeSpace(page) < itemLength + Page.SIZE / 10) {
      HeapPruning.prune(page, tm.oldestXmin(), tm, indexed);
    }
  }

  /** Sets xmax/cmax on a version whose xmax TupleLockers.inspect found FREE (page latched exclusively). */
  private static void setXmax(MemorySegment page, int off, long xid, int cid) {
    Page.setFlag(page, Page.PD_PRUNABLE, true);
    int mask = HeapTupleHeader.infomask(page, off);
    HeapTupleHeader.setXmax(page, off, xid, cid);
    HeapTupleHeader.setInfomask(page, off, mask & ~HeapTupleHeader.XMAX_BITS);
  }

  private int itemOffset(MemorySegment page, long tid) {
    int n = ItemPointer.offsetNumber(tid);
    if (Page.isNew(page) || n < 1 || n > Page.itemCount(page) || Page.itemFlags(page, n) != Page.LP_NORMAL) {
      throw DbException.internal("no tuple at " + ItemPointer.toString(tid) + " in relation " + locator.path(), null);
    }
    return Page.itemOffset(page, n);
  }

  /**
   * Puts a built item on a page with room: the free-space map's choice, else the last block, else a new
   * block. {@code avoid} is a block known to be full (-1 for none). Returns the tid.
   */
  private long place(byte[] item, long avoid, long xid, int info, SerializableXact sx) {
    long[] tids = new long[1];
    placeFrom(new byte[][] {item}, 0, tids, avoid, xid, info, sx);
    return tids[0];
  }

  /**
   * Places {@code items[from..]} on one page with room (chosen as {@link #place} does), as many as fit, under
   * one latch and one WAL record; their tids go to {@code tids}. Returns how many were placed (at least one).
   */
  private int placeFrom(byte[][] items, int from, long[] tids, long avoid, long xid, int info,
      SerializableXact sx) {
    int needed = ((items[from].length + 7) & ~7) + Page.ITEM_ID_SIZE;
    long nblocks = pageCount();
    boolean triedLast = nblocks == 0 || avoid == nblocks - 1;
    for (int attempt = 0; attempt < 64; attempt++) {
      long block = fsm.find(needed);
      if (block == avoid) block = -1;
      if (block < 0 && !triedLast) {
        block = nblocks - 1;
        triedLast = true;
      }
      if (block < 0) break;
      int placed = tryPlace(pool.readBuffer(locator, block), items, from, tids, xid, info, sx);
      if (placed > 0) return placed;
    }
    int placed = tryPlace(pool.extend(locator), items, from, tids, xid, info, sx);
    if (placed == 0) throw DbException.internal("tuple does not fit on a new page of " + locator.path(), null);
    return placed;
  }

  /**
   * Adds items from {@code from} to the pinned buffer's page while they fit; unpins; returns how many. A
   * SERIALIZABLE inserter ({@code sx}) checks for readers under the same latch as it adds the items.
   */
  private int tryPlace(int pinnedBuf, byte[][] items, int from, long[] tids, long xid, int info,
      SerializableXact sx) {
    return (int) withExclusivePage(pinnedBuf, (buf, page) -> {
      long block = pool.blockNumber(buf);
      checkConflictIn(sx);
      PageChange change = PageChange.begin(pool, buf);
      if (Page.isNew(page)) Page.init(page, 0);
      visibilityMap.clearBeforeChange(page, block, xid);
      pruneIfNearlyFull(page, items[from].length);
      int i = from;
      for (int n; i < items.length && (n = Page.addItem(page, items[i])) > 0; i++) {
        long tid = ItemPointer.of(block, n);
        HeapTupleHeader.setCtid(page, Page.itemOffset(page, n), tid);
        tids[i] = tid;
      }
      if (i > from) {
        change.log(xid, ResourceManagers.HEAP, info);
      } else if (Page.itemCount(page) == 0) {
        change.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_INIT); // initialized a new page
      }
      fsm.record(block, Page.freeSpace(page));
      return i - from;
    });
  }
}
