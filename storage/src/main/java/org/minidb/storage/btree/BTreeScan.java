package org.minidb.storage.btree;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.minidb.storage.page.Page;

/**
 * A forward scan over a key range (nbtree's _bt_first/_bt_next with page-at-a-time reading): the entries of
 * a leaf page that are in range are copied out under its shared latch, with the page's right link; then the
 * page is released, and the next page is read through that right link when the copies are used up.
 *
 * <p>Why this sees every entry that was there throughout the scan, once, in order: an entry only ever moves
 * right (splits move the upper half of a page to a new right sibling, which the left page's right link then
 * points to). Entries moved from a page after we copied it were copied with it; the remembered right link
 * leads to pages right of everything copied. Entries inserted or deleted during the scan may or may not be
 * seen. Holds no latch or pin between calls.
 *
 * <p>Backward (nbtree's _bt_readpage in BackwardScanDirection and _bt_walk_left): the descent finds the leaf of
 * the first entry above the upper bound; entries are copied from just before it down to the lower bound, page by
 * page, following left links. A left link may be stale: the left sibling may have split since (its right half
 * is then between it and the page we came from). So, as nbtree, the scan latches the page the left link names
 * and moves right until it finds the page whose right link is the one we came from; pages are never deleted, so
 * the walk ends. The page we came from may have split too: its lower half stayed in its block and we copied its
 * upper half's entries already. The same guarantee as forward: every entry present throughout the scan is
 * returned once, in descending order.
 *
 * <p>Killed entries (nbtree's kill_prior_tuple / _bt_killitems): the caller says with {@link #killCurrent} that
 * every heap version the current entry reaches is dead to all transactions; when the scan leaves the page (or
 * {@link #finish}es) those entries are flagged LP_DEAD in the leaf — a hint, not WAL-logged — provided the page
 * has not changed since it was copied (same LSN: every change of a B-tree page is a logged page change), and the
 * item at the remembered offset still is the same entry. Entries flagged LP_DEAD are skipped by scans (unless
 * {@code includeDead}: VACUUM's bulk deletion must find them too).
 */
public final class BTreeScan {
  /** The search key no entry satisfies (every key is at the empty prefix, none after it): the rightmost position. */
  private static final SearchKey END = SearchKey.prefix(new byte[0], true);

  private final BTree tree;
  private final SearchKey start;
  /** Backward only: the lower bound's search key (null: unbounded); an entry is in range at or after it. */
  private final SearchKey lower;
  private final boolean backward;
  /** Backward only: the block whose entries were copied last (the right link its left sibling must have). */
  private long currentBlock = -1;
  private final SearchKey upper;
  private final boolean upperInclusive;
  private final List<byte[]> keys = new ArrayList<>();
  private final List<Long> tids = new ArrayList<>();
  private final List<Integer> offsets = new ArrayList<>();
  private final boolean includeDead;
  /** Positions (in keys/tids/offsets) the caller killed on the page copied last. */
  private final List<Integer> killed = new ArrayList<>();
  private long pageBlock = -1;
  private long pageLsn;
  private int pos = -1;
  private long nextBlock = -1; // -1: not positioned yet
  private boolean ended;
  private byte[] key;
  private long tid;

  BTreeScan(BTree tree, SearchKey start, byte[] upper, boolean upperInclusive, boolean includeDead) {
    this.tree = tree;
    this.includeDead = includeDead;
    this.start = start;
    this.upper = upper == null ? null : SearchKey.prefix(upper, false);
    this.upperInclusive = upperInclusive;
    this.lower = null;
    this.backward = false;
  }

  /** A backward scan from {@code upper} down to {@code lower} (key prefixes, null: unbounded). */
  BTreeScan(BTree tree, byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {
    this.tree = tree;
    // Entries before the first one above the upper bound (or at it, when the bound is exclusive) are in range.
    this.start = upper == null ? END : SearchKey.prefix(upper, upperInclusive);
    this.upper = null;
    this.upperInclusive = true;
    this.lower = lower == null ? null : SearchKey.prefix(lower, !lowerInclusive);
    this.backward = true;
    this.includeDead = false;
  }

  /** Advances to the next entry (the previous one, backward); false at the end of the range. */
  public boolean next() { return tree.guarded(backward ? this::retreat : this::advance); }

  private boolean retreat() {
    for (int pages = 0; pages < BTree.MAX_HOPS; pages++) {
      if (nextCopied()) return true;
      if (currentBlock == -1) {
        BTree.Descent leaf = tree.descend(start, false);
        MemorySegment page = tree.pool.page(leaf.buf());
        readPageBackward(leaf.buf(), BTreePage.binarySearch(page, start) - 1);
      } else if (ended || nextBlock == BTreePage.NONE) {
        return false;
      } else {
        int buf = tree.pinAndLatch(nextBlock, false);
        for (int hops = 0; BTreePage.next(tree.pool.page(buf)) != currentBlock; hops++) {
          if (BTreePage.isRightmost(tree.pool.page(buf)) || hops >= BTree.MAX_HOPS) {
            tree.release(buf);
            throw tree.corrupted("block " + currentBlock + " is not right of its left link's page");
          }
          buf = tree.stepRight(buf, false);
        }
        readPageBackward(buf, BTreePage.maxOffset(tree.pool.page(buf)));
      }
    }
    throw tree.corrupted("endless left-link chain");
  }

  /**
   * Copies the in-range entries of the latched leaf from {@code off} down, remembers the page and its left link
   * (in {@code nextBlock}), releases it.
   */
  private void readPageBackward(int buf, int off) {
    keys.clear();
    tids.clear();
    offsets.clear();
    pos = -1;
    try {
      MemorySegment page = tree.pool.page(buf);
      pageBlock = tree.pool.blockNumber(buf);
      pageLsn = Page.lsn(page);
      for (int o = off; o >= BTreePage.firstDataKey(page); o--) {
        if (lower != null && !BTreePage.atOrAfter(page, o, true, lower)) {
          ended = true;
          break;
        }
        if (Page.itemFlags(page, o) == Page.LP_DEAD) continue;
        keys.add(BTreePage.key(page, o, true));
        tids.add(BTreePage.tid(page, o, true));
        offsets.add(o);
      }
      currentBlock = tree.pool.blockNumber(buf);
      nextBlock = BTreePage.prev(page);
    } finally {
      tree.release(buf);
    }
  }

  /**
   * Moves to the next entry copied from the current page; when there is none, applies the kills pending for that
   * page (the scan is leaving it) and returns false.
   */
  private boolean nextCopied() {
    if (++pos < keys.size()) {
      key = keys.get(pos);
      tid = tids.get(pos);
      return true;
    }
    killItems();
    return false;
  }

  private boolean advance() {
    for (int pages = 0; pages < BTree.MAX_HOPS; pages++) {
      if (nextCopied()) return true;
      if (nextBlock == -1) {
        BTree.Descent leaf = tree.descend(start, false);
        MemorySegment page = tree.pool.page(leaf.buf());
        readPage(leaf.buf(), BTreePage.binarySearch(page, start));
      } else if (ended || nextBlock == BTreePage.NONE) {
        return false;
      } else {
        int buf = tree.pinAndLatch(nextBlock, false);
        readPage(buf, BTreePage.firstDataKey(tree.pool.page(buf)));
      }
    }
    throw tree.corrupted("endless right-link chain");
  }

  /**
   * Every heap version the current entry leads to is dead to all transactions (below the xmin horizon): flag the
   * entry LP_DEAD when the scan leaves its page, so that later scans and unique checks skip it.
   */
  public void killCurrent() {
    if (pos >= 0 && pos < keys.size()) killed.add(pos);
  }

  /** Applies pending kills (the scan may be abandoned before it leaves the page); the scan stays usable. */
  public void finish() { tree.guarded(() -> { killItems(); return null; }); }

  private void killItems() {
    if (killed.isEmpty()) return;
    int[] offs = new int[killed.size()];
    long[] killedTids = new long[offs.length];
    byte[][] killedKeys = new byte[offs.length][];
    for (int i = 0; i < offs.length; i++) {
      int p = killed.get(i);
      offs[i] = offsets.get(p);
      killedTids[i] = tids.get(p);
      killedKeys[i] = keys.get(p);
    }
    killed.clear();
    tree.killItems(pageBlock, pageLsn, offs, killedKeys, killedTids);
  }

  /** The current entry's key bytes. */
  public byte[] key() { return key; }

  /** The current entry's heap tid. */
  public long tid() { return tid; }

  /** Copies the in-range entries of the latched leaf from {@code off} on, remembers its right link, releases it. */
  private void readPage(int buf, int off) {
    keys.clear();
    tids.clear();
    offsets.clear();
    pos = -1;
    try {
      MemorySegment page = tree.pool.page(buf);
      pageBlock = tree.pool.blockNumber(buf);
      pageLsn = Page.lsn(page);
      for (int o = off; o <= BTreePage.maxOffset(page); o++) {
        if (upper != null) {
          int c = BTreePage.compare(page, o, true, upper);
          if (c > 0 || (c == 0 && !upperInclusive)) {
            ended = true;
            break;
          }
        }
        if (!includeDead && Page.itemFlags(page, o) == Page.LP_DEAD) continue;
        keys.add(BTreePage.key(page, o, true));
        tids.add(BTreePage.tid(page, o, true));
        offsets.add(o);
      }
      nextBlock = BTreePage.next(page);
    } finally {
      tree.release(buf);
    }
  }
}
