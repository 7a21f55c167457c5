package org.minidb.storage.btree;

import java.lang.foreign.MemorySegment;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.buffer.PageChange;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.Page;
import org.minidb.storage.wal.ResourceManagers;

/**
 * A B-link tree index (Lehman and Yao, as PostgreSQL's nbtree) over order-preserving byte keys
 * ({@link org.minidb.common.encoding.KeyCodec}): entries are (key, heap tid), unique as pairs. Pages live in
 * the shared buffer pool, every page change is WAL-logged through {@link PageChange}. Stateless apart from its
 * relation: any number of threads may use one instance (or several instances of the same index) at once.
 * See this package's README for the page layout, the latching protocol and what a crash may leave behind.
 */
public final class BTree {
  /** A bound on right-moves and retries: far beyond any real tree; reaching it means a corrupt link chain. */
  static final int MAX_HOPS = 10_000_000;

  final BufferPool pool;
  final RelFileLocator rel;
  final String name;
  private final BTreeInsert inserter;

  private BTree(BufferPool pool, RelFileLocator rel, String name) {
    this.pool = pool;
    this.rel = rel;
    this.name = name;
    this.inserter = new BTreeInsert(this);
  }

  /**
   * Initializes an empty index in the relation's (existing, empty) file: the metapage and an empty root leaf,
   * the root first, so that the metapage never points to a page that is not there.
   */
  public static BTree create(BufferPool pool, RelFileLocator rel, String name) {
    BTree tree = new BTree(pool, rel, name);
    return tree.guarded(() -> {
      int metaBuf = tree.extendAndLatch();
      if (pool.blockNumber(metaBuf) != BTreeMeta.BLOCK) {
        throw DbException.internal("index \"" + name + "\" already has pages", null);
      }
      int rootBuf = tree.extendAndLatch();
      long root = pool.blockNumber(rootBuf);
      tree.writePage(rootBuf, ResourceManagers.BTREE_BUILD,
          p -> BTreePage.init(p, 0, BTreePage.LEAF | BTreePage.ROOT, BTreePage.NONE, BTreePage.NONE));
      tree.release(rootBuf);
      tree.writePage(metaBuf, ResourceManagers.BTREE_BUILD, p -> BTreeMeta.init(p, root, 0));
      tree.release(metaBuf);
      return tree;
    });
  }

  /** An existing index (created by {@link #create} or {@link BTreeBuild}). */
  public static BTree open(BufferPool pool, RelFileLocator rel, String name) { return new BTree(pool, rel, name); }

  public RelFileLocator locator() { return rel; }

  public String name() { return name; }

  /**
   * Adds the entry (key, tid). 54000 when the entry is larger than a third of a page; an internal error when
   * the very same entry is already there (callers never insert one heap tuple twice).
   */
  public void insert(byte[] key, long tid) {
    byte[] tuple = leafTuple(key, tid);
    // nextKey: a high key equal to the entry (left behind by a deleted entry) sends it right, where it belongs.
    SearchKey sk = SearchKey.exact(key, tid, true);
    guarded(() -> {
      Descent leaf = descend(sk, true);
      insertAt(leaf.buf(), leaf.stack(), sk, tuple);
      return null;
    });
  }

  /** Says whether an existing entry with the key being inserted blocks a unique insert (see {@link #insertUnique}). */
  @FunctionalInterface
  public interface UniqueCheck {
    /**
     * For the heap tid of an entry with the same key: {@link #NO_CONFLICT} (its tuple is dead, or it is the
     * inserter's own), {@link #CONFLICT} (a live duplicate), or the xid of a transaction still running that
     * inserted or deleted it (to wait for). Called with index pages latched: it may read the heap, but must not
     * wait for a lock or a transaction.
     */
    long check(long tid);
  }

  public static final long NO_CONFLICT = 0;
  public static final long CONFLICT = -1;
  /**
   * A {@link UniqueCheck} answer: no conflict, and the entry's heap version is dead to every transaction (below
   * the xmin horizon), so the entry is flagged LP_DEAD on the spot (nbtree's _bt_check_unique does the same).
   */
  public static final long DEAD = -2;

  /**
   * Inserts (key, tid) unless an entry with the same key is a conflict (nbtree's _bt_check_unique, for unique
   * indexes). The check and the insertion happen under the exclusive latch of the first leaf page that can
   * hold the key, which every inserter of that key must hold too, so two inserters of one key cannot both
   * miss each other. Returns {@link #NO_CONFLICT} when inserted; {@link #CONFLICT} when not (the caller raises
   * 23505); or an xid: nothing was inserted, the caller waits for that transaction to end and calls again.
   * {@code key} is the whole key (all key columns; rows with a NULL key column never conflict and should use
   * {@link #insert}).
   */
  public long insertUnique(byte[] key, long tid, UniqueCheck check) { return insertUnique(key, key, tid, check); }

  /**
   * {@link #insertUnique(byte[], long, UniqueCheck)} for an index with INCLUDE columns: {@code uniqueKey}, a byte
   * prefix of {@code key} (the key columns without the included ones), is what must not repeat; the entries
   * checked are all those starting with it, and the first leaf that can hold one is the page every inserter of
   * that unique key latches.
   */
  public long insertUnique(byte[] uniqueKey, byte[] key, long tid, UniqueCheck check) {
    byte[] tuple = leafTuple(key, tid);
    return guarded(() -> {
      Descent first = descend(SearchKey.prefix(uniqueKey, false), true);
      long verdict = checkUnique(first.buf(), SearchKey.prefix(uniqueKey, false), check);
      if (verdict != NO_CONFLICT) {
        release(first.buf());
        return verdict;
      }
      SearchKey sk = SearchKey.exact(key, tid, true);
      int buf = moveRightCoupled(first.buf(), sk, first.stack());
      insertAt(buf, first.stack(), sk, tuple);
      return NO_CONFLICT;
    });
  }

  /**
   * Runs the check on every entry with the key, from its first position on the latched leaf {@code buf} (kept
   * latched) through the pages to the right (each read-latched on its own) while the run of the key goes on.
   */
  private long checkUnique(int buf, SearchKey key, UniqueCheck check) {
    MemorySegment page = pool.page(buf);
    int right = -1;
    try {
      for (int off = BTreePage.binarySearch(page, key), hops = 0; hops < MAX_HOPS; hops++) {
        for (; off <= BTreePage.maxOffset(page); off++) {
          if (BTreePage.compare(page, off, true, key) != 0) return NO_CONFLICT;
          if (Page.itemFlags(page, off) == Page.LP_DEAD) continue;
          long verdict = check.check(BTreePage.tid(page, off, true));
          if (verdict == DEAD) {
            // A hint under the latch we hold (exclusive on the first leaf, shared to its right), as _bt_killitems.
            Page.markDead(page, off);
            pool.markDirtyHint(right >= 0 ? right : buf);
            killed.increment();
            continue;
          }
          if (verdict != NO_CONFLICT) return verdict;
        }
        // The run goes on to the right sibling only if the high key (its first entry at the split) has the key.
        if (BTreePage.isRightmost(page) || BTreePage.compare(page, 1, true, key) != 0) return NO_CONFLICT;
        long next = BTreePage.next(page);
        if (right >= 0) release(right);
        right = pinAndLatch(next, false);
        page = pool.page(right);
        off = BTreePage.firstDataKey(page);
      }
      throw corrupted("endless right-link chain");
    } finally {
      if (right >= 0) release(right);
    }
  }

  /**
   * Moves right from the exclusively latched leaf while the entry belongs further right, latching each right
   * sibling before releasing its left one, so that no other inserter of the key gets between the check and the
   * insertion. Incomplete splits met on the way are finished while the left page is still held.
   */
  private int moveRightCoupled(int buf, SearchKey sk, Stack stack) {
    for (int hops = 0; hops < MAX_HOPS; hops++) {
      MemorySegment page = pool.page(buf);
      if (BTreePage.isRightmost(page) || BTreePage.atOrAfter(page, 1, true, sk)) return buf;
      long next = BTreePage.next(page);
      int right = pinAndLatch(next, true);
      for (int n = 0; BTreePage.incompleteSplit(pool.page(right)); n++) {
        if (n >= MAX_HOPS) throw corrupted("split of block " + next + " never completes");
        inserter.finishSplit(right, stack);
        right = pinAndLatch(next, true);
      }
      release(buf);
      buf = right;
    }
    throw corrupted("endless right-link chain");
  }

  /** Inserts the tuple at its place on the exclusively latched leaf (an exact duplicate is a caller's bug). */
  private void insertAt(int buf, Stack stack, SearchKey sk, byte[] tuple) {
    MemorySegment page = pool.page(buf);
    int off = BTreePage.binarySearch(page, sk);
    if (off > BTreePage.firstDataKey(page) && BTreePage.compare(page, off - 1, true, sk) == 0) {
      if (Page.itemFlags(page, off - 1) != Page.LP_DEAD) {
        throw DbException.internal("duplicate entry in index \"" + name + "\"", null);
      }
      // The same entry, flagged dead, of a version VACUUM freed since: drop it before adding the live one.
      int dead = off - 1;
      writePage(buf, ResourceManagers.BTREE_DELETE_DEAD, p -> Page.deleteItem(p, dead));
      off = dead;
    }
    inserter.insertOnPage(buf, stack, off, tuple, -1);
  }

  private byte[] leafTuple(byte[] key, long tid) {
    byte[] tuple = BTreePage.leafTuple(key, tid);
    if (tuple.length > BTreePage.MAX_LEAF_TUPLE) {
      throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size " + tuple.length
          + " exceeds btree version 4 maximum " + BTreePage.MAX_LEAF_TUPLE + " for index \"" + name + "\"");
    }
    return tuple;
  }

  /** Removes the entry (key, tid); false when it is not there. Pages are never removed, even when empty. */
  public boolean delete(byte[] key, long tid) {
    return guarded(() -> deleteEntry(SearchKey.exact(key, tid, false)));
  }

  private boolean deleteEntry(SearchKey sk) {
    int buf = descend(sk, true).buf();
    for (int hops = 0; hops < MAX_HOPS; hops++) {
      MemorySegment page = pool.page(buf);
      int off = BTreePage.binarySearch(page, sk);
      if (off <= BTreePage.maxOffset(page)) {
        boolean found = BTreePage.compare(page, off, true, sk) == 0;
        if (found) writePage(buf, ResourceManagers.BTREE_DELETE, p -> Page.deleteItem(p, off));
        release(buf);
        return found;
      }
      // Every entry here is below the key: it can only be right of a high key equal to it.
      if (BTreePage.isRightmost(page) || BTreePage.compare(page, 1, true, sk) != 0) {
        release(buf);
        return false;
      }
      buf = stepRight(buf, true);
    }
    throw corrupted("endless right-link chain");
  }

  /**
   * The entries from {@code lower} to {@code upper} in key order. Bounds are key prefixes (the key of the
   * first n columns): an entry is at a bound when its key starts with it. A null bound is unbounded.
   */
  public BTreeScan scan(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {
    SearchKey start = SearchKey.prefix(lower == null ? new byte[0] : lower, lower != null && !lowerInclusive);
    return new BTreeScan(this, start, upper, upperInclusive, false);
  }

  /** The entries from {@code upper} down to {@code lower} in descending key order (bounds as {@link #scan}'s). */
  public BTreeScan scanBackward(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {
    return new BTreeScan(this, lower, lowerInclusive, upper, upperInclusive);
  }


  /** Every entry in key order, those flagged LP_DEAD included (VACUUM's bulk deletion must remove them too). */
  public BTreeScan scanAllIncludingDead() {
    return new BTreeScan(this, SearchKey.prefix(new byte[0], false), null, true, true);
  }

  /**
   * nbtree's _bt_killitems: flags LP_DEAD the entries a scan found dead to all, at the offsets it copied them
   * from on leaf {@code block}, if the page has not changed since (its LSN is still {@code lsn}; every change of a
   * B-tree page is a logged page change that moves it) and each item still is that entry. Under the shared
   * latch: the flag is a hint (not WAL-logged; a lost flag only costs a heap visit), as in PostgreSQL.
   */
  void killItems(long block, long lsn, int[] offsets, byte[][] keys, long[] tids) {
    int buf = pinAndLatch(block, false);
    try {
      MemorySegment page = pool.page(buf);
      if (Page.lsn(page) != lsn || !BTreePage.isLeaf(page)) return;
      boolean any = false;
      for (int i = 0; i < offsets.length; i++) {
        int off = offsets[i];
        if (off > BTreePage.maxOffset(page) || Page.itemFlags(page, off) != Page.LP_NORMAL) continue;
        if (BTreePage.tid(page, off, true) != tids[i]
            || BTreePage.compare(page, off, true, SearchKey.exact(keys[i], tids[i], false)) != 0) continue;
        Page.markDead(page, off);
        killed.increment();
        any = true;
      }
      if (any) pool.markDirtyHint(buf);
    } finally {
      release(buf);
    }
  }

  /** Entries flagged LP_DEAD by scans and unique checks in this process (tests, statistics). */
  private static final java.util.concurrent.atomic.LongAdder killed = new java.util.concurrent.atomic.LongAdder();

  /** How many entries this process has flagged LP_DEAD so far. */
  public static long killedEntries() { return killed.sum(); }

  /** The entries whose key starts with {@code prefix} (all of them equal to it, for a whole key). */
  public BTreeScan scanPrefix(byte[] prefix) { return scan(prefix, true, prefix, true); }

  /** A leaf reached by a descent, pinned and latched, and the path of parents that led to it. */
  record Descent(int buf, Stack stack) {}

  /**
   * The parent path of a descent (nbtree's BTStack): the internal page and the offset of the downlink that
   * was followed. Only a hint after the latch is released: the downlink may have moved right since.
   */
  record Stack(long block, int offset, Stack parent) {}

  /**
   * Descends from the root to the leaf where the first entry satisfying {@code sk} is (or starts, going
   * right), holding one latch at a time (shared; exclusive on the leaf {@code forWrite}). Writers finish any
   * incomplete split they meet on the way.
   */
  Descent descend(SearchKey sk, boolean forWrite) {
    BTreeMeta.Root root = readRoot();
    long block = root.block();
    int level = root.level();
    Stack stack = null;
    for (int depth = 0; depth < MAX_HOPS; depth++) {
      boolean exclusive = forWrite && level == 0;
      int buf = pinAndLatch(block, exclusive);
      buf = moveRight(buf, sk, exclusive, forWrite, stack);
      MemorySegment page = pool.page(buf);
      if (BTreePage.level(page) != level) {
        release(buf);
        throw corrupted("block " + block + " is at level " + BTreePage.level(page) + ", expected " + level);
      }
      if (level == 0) return new Descent(buf, stack);
      int off = BTreePage.binarySearch(page, sk);
      long child = BTreePage.downlink(page, off);
      stack = new Stack(pool.blockNumber(buf), off, stack);
      release(buf);
      block = child;
      level--;
    }
    throw corrupted("descent does not end");
  }

  /**
   * Lehman and Yao's move right: while the goal lies beyond the page's high key (the page split after its
   * downlink was read), follow the right link, releasing the page before latching its sibling. A writer that
   * meets a page whose split is incomplete finishes it first (needing the exclusive latch), then looks again.
   */
  int moveRight(int buf, SearchKey sk, boolean exclusive, boolean forWrite, Stack stack) {
    for (int hops = 0; hops < MAX_HOPS; hops++) {
      MemorySegment page = pool.page(buf);
      if (forWrite && BTreePage.incompleteSplit(page)) {
        long block = pool.blockNumber(buf);
        if (!exclusive) {
          pool.unlockContent(buf);
          pool.lockExclusive(buf);
        }
        if (BTreePage.incompleteSplit(page)) {
          inserter.finishSplit(buf, stack);
        } else {
          release(buf);
        }
        buf = pinAndLatch(block, exclusive);
        continue;
      }
      if (BTreePage.isRightmost(page) || BTreePage.atOrAfter(page, 1, BTreePage.isLeaf(page), sk)) return buf;
      buf = stepRight(buf, exclusive);
    }
    release(buf);
    throw corrupted("endless right-link chain");
  }

  /** Releases the page and returns its right sibling, latched in the given mode. */
  int stepRight(int buf, boolean exclusive) {
    long next = BTreePage.next(pool.page(buf));
    release(buf);
    return pinAndLatch(next, exclusive);
  }

  BTreeMeta.Root readRoot() {
    int buf = pinAndLatch(BTreeMeta.BLOCK, false);
    try {
      return BTreeMeta.root(pool.page(buf), name);
    } finally {
      release(buf);
    }
  }

  int pinAndLatch(long block, boolean exclusive) {
    int buf = pool.readBuffer(rel, block);
    if (exclusive) {
      pool.lockExclusive(buf);
    } else {
      pool.lockShared(buf);
    }
    HeldLatches.add(buf);
    return buf;
  }

  /** A new zero page at the end of the index, pinned and exclusively latched. */
  int extendAndLatch() {
    int buf = pool.extend(rel);
    pool.lockExclusive(buf);
    HeldLatches.add(buf);
    return buf;
  }

  void release(int buf) {
    HeldLatches.remove(buf);
    pool.unlockContent(buf);
    pool.unpin(buf);
  }

  /**
   * Runs one operation; if it fails, releases every latch and pin it still holds ({@link HeldLatches}), so
   * that an error never leaves a page latched.
   */
  <T> T guarded(java.util.function.Supplier<T> operation) {
    int mark = HeldLatches.count();
    try {
      return operation.get();
    } catch (RuntimeException | Error e) {
      HeldLatches.releaseDownTo(mark, pool);
      throw e;
    }
  }

  /** A change of one exclusively latched page. */
  @FunctionalInterface
  interface PageEdit {
    void apply(MemorySegment page);
  }

  /** Changes an exclusively latched page and logs the change (one WAL record for one page). */
  void writePage(int buf, int info, PageEdit edit) {
    PageChange change = PageChange.begin(pool, buf);
    edit.apply(pool.page(buf));
    change.log(0, ResourceManagers.BTREE, info);
  }

  DbException corrupted(String detail) {
    return DbException.of(SqlState.INDEX_CORRUPTED, "index \"" + name + "\" is corrupted: " + detail);
  }
}
