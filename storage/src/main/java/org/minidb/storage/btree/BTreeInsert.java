package org.minidb.storage.btree;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.page.Page;
import org.minidb.storage.wal.ResourceManagers;

/**
 * Insertion into a page, page splits, and the completion of splits in the parent (nbtree's nbtinsert.c).
 *
 * <p>Latch order, which makes latch waits deadlock-free: a writer holding latches only ever waits for a page
 * to the right on the same level, or for a page on a higher level, or for the metapage (taken last). So a
 * split holds the left page, then latches the new right page and the old right sibling; then, still holding
 * the left page, the parent (found by moving right along the parent level); and finally the metapage when
 * the root splits. Readers hold one latch at a time.
 *
 * <p>WAL order of a split (one record per page, so any prefix of them may be what a crash leaves):
 * the new right page (SPLIT_RIGHT) — the left page with its new high key, right link and INCOMPLETE_SPLIT
 * (SPLIT_LEFT) — the old right sibling's left link (SPLIT_LINK) — the downlink in the parent (INSERT_UPPER,
 * or the parent's own split, or NEWROOT and META) — the left page's INCOMPLETE_SPLIT cleared (SPLIT_FINISH).
 */
final class BTreeInsert {
  /** Fill of the left page when the rightmost page of a level splits (nbtree's fillfactor 90 and 70). */
  private static final double LEAF_FILL = 0.90;
  private static final double INTERNAL_FILL = 0.70;

  private final BTree tree;
  private final BufferPool pool;

  BTreeInsert(BTree tree) {
    this.tree = tree;
    this.pool = tree.pool;
  }

  /**
   * Puts {@code tuple} at offset {@code off} of the exclusively latched page {@code buf}, splitting it when it
   * is full. {@code child} is -1, or the exclusively latched left half of a split whose downlink this is: its
   * INCOMPLETE_SPLIT flag is cleared once the downlink is logged. Releases every latch and pin it was given.
   */
  void insertOnPage(int buf, BTree.Stack stack, int off, byte[] tuple, int child) {
    MemorySegment page = pool.page(buf);
    if (!fits(page, tuple.length) && BTreePage.isLeaf(page)) off = deleteDeadItems(buf, off);
    if (fits(page, tuple.length)) {
      int at = off;
      tree.writePage(buf, BTreePage.isLeaf(page) ? ResourceManagers.BTREE_INSERT_LEAF
          : ResourceManagers.BTREE_INSERT_UPPER, p -> Page.addItemAt(p, at, tuple));
      tree.release(buf);
      if (child >= 0) clearIncompleteSplit(child);
      return;
    }
    int rbuf = split(buf, off, tuple);
    if (child >= 0) clearIncompleteSplit(child); // its downlink is on buf or rbuf now, both logged
    insertParent(buf, rbuf, stack);
  }

  /**
   * nbtree's simple deletion (_bt_delitems_delete) before a leaf splits: the entries flagged LP_DEAD by scans go,
   * in one logged page change, which may make room without a split. Returns where {@code off} (the place of
   * the entry being inserted) is afterwards.
   */
  private int deleteDeadItems(int buf, int off) {
    MemorySegment page = pool.page(buf);
    int max = BTreePage.maxOffset(page);
    int below = 0;
    int dead = 0;
    for (int o = BTreePage.firstDataKey(page); o <= max; o++) {
      if (Page.itemFlags(page, o) != Page.LP_DEAD) continue;
      dead++;
      if (o < off) below++;
    }
    if (dead == 0) return off;
    tree.writePage(buf, ResourceManagers.BTREE_DELETE_DEAD, p -> {
      for (int o = max; o >= BTreePage.firstDataKey(p); o--) { // from the top: lower offsets do not move
        if (Page.itemFlags(p, o) == Page.LP_DEAD) Page.deleteItem(p, o);
      }
    });
    return off - below;
  }

  private static boolean fits(MemorySegment page, int length) {
    return ((Page.upper(page) - length) & ~7) >= Page.lower(page) + Page.ITEM_ID_SIZE;
  }

  /**
   * Splits the exclusively latched page {@code buf}, with {@code tuple} going to offset {@code off}, into
   * itself and a new right page; returns the right page, exclusively latched. The left page is left flagged
   * INCOMPLETE_SPLIT: its parent does not know the right page yet.
   */
  private int split(int buf, int off, byte[] tuple) {
    MemorySegment page = pool.page(buf);
    boolean leaf = BTreePage.isLeaf(page);
    int level = BTreePage.level(page);
    long left = pool.blockNumber(buf);
    long oldNext = BTreePage.next(page);
    byte[] oldHigh = BTreePage.isRightmost(page) ? null : BTreePage.item(page, 1);
    List<byte[]> items = new ArrayList<>();
    for (int o = BTreePage.firstDataKey(page); o <= BTreePage.maxOffset(page); o++) {
      if (o == off) items.add(tuple);
      items.add(BTreePage.item(page, o));
    }
    if (off > BTreePage.maxOffset(page)) items.add(tuple);
    int k = splitPoint(items, leaf, oldHigh);
    byte[] firstRight = items.get(k);
    List<byte[]> rightItems = new ArrayList<>(items.subList(k, items.size()));
    if (!leaf) rightItems.set(0, BTreePage.minusInfinity(BTreePage.downlinkOf(firstRight)));

    int rbuf = tree.extendAndLatch();
    long right = pool.blockNumber(rbuf);
    tree.writePage(rbuf, ResourceManagers.BTREE_SPLIT_RIGHT, p -> {
      BTreePage.init(p, level, leaf ? BTreePage.LEAF : 0, left, oldNext);
      if (oldHigh != null) Page.addItem(p, oldHigh);
      for (byte[] item : rightItems) Page.addItem(p, item);
    });
    // The left page is rebuilt on a scratch page, then copied in (all but its LSN).
    MemorySegment scratch = MemorySegment.ofArray(new byte[Page.SIZE]);
    int flags = (BTreePage.flags(page) & ~BTreePage.ROOT) | BTreePage.INCOMPLETE_SPLIT;
    BTreePage.init(scratch, level, flags, BTreePage.prev(page), right);
    Page.addItem(scratch, firstRight); // the high key: a copy of the right page's first entry
    for (byte[] item : items.subList(0, k)) Page.addItem(scratch, item);
    tree.writePage(buf, ResourceManagers.BTREE_SPLIT_LEFT, p -> MemorySegment.copy(scratch, 8, p, 8, Page.SIZE - 8));
    if (oldNext != BTreePage.NONE) setLeftLink(oldNext, right);
    return rbuf;
  }

  /** Points the left link of {@code block} to {@code left} (if it does not already). */
  private void setLeftLink(long block, long left) {
    int obuf = tree.pinAndLatch(block, true);
    if (BTreePage.prev(pool.page(obuf)) != left) {
      tree.writePage(obuf, ResourceManagers.BTREE_SPLIT_LINK, p -> BTreePage.setPrev(p, left));
    }
    tree.release(obuf);
  }

  /**
   * The index of the first item that moves right. Both halves must fit: the left one with its new high key
   * (a copy of that item), the right one with the old high key (and, on internal pages, the first item cut
   * down to its downlink). The left half gets about half the bytes, or the fill factor when the rightmost
   * page of a level splits (ascending inserts then leave pages 90% full, as nbtree does).
   */
  private static int splitPoint(List<byte[]> items, boolean leaf, byte[] oldHigh) {
    int n = items.size();
    int[] prefix = new int[n + 1];
    for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + BTreePage.itemSpace(items.get(i).length);
    int rightBase = oldHigh == null ? 0 : BTreePage.itemSpace(oldHigh.length);
    double target = oldHigh == null ? (leaf ? LEAF_FILL : INTERNAL_FILL) * BTreePage.USABLE : prefix[n] / 2.0;
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (int k = 1; k < n; k++) {
      int leftBytes = prefix[k] + BTreePage.itemSpace(items.get(k).length);
      int rightBytes = rightBase + prefix[n] - prefix[k]
          - (leaf ? 0 : BTreePage.itemSpace(items.get(k).length) - BTreePage.itemSpace(BTreePage.INTERNAL_HEADER));
      if (leftBytes > BTreePage.USABLE || rightBytes > BTreePage.USABLE) continue;
      double distance = Math.abs(prefix[k] - target);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = k;
      }
    }
    if (best < 0) throw new IllegalStateException("no split point for " + n + " items");
    return best;
  }

  /**
   * Gives the parent of the split page {@code lbuf} its downlink to {@code rbuf}: a new root when the left
   * page is the root. Called with both halves exclusively latched; releases everything. When finishing a
   * split a crash interrupted, the downlink may already be there: then only the flag is cleared.
   */
  private void insertParent(int lbuf, int rbuf, BTree.Stack stack) {
    MemorySegment lpage = pool.page(lbuf);
    long left = pool.blockNumber(lbuf);
    long right = pool.blockNumber(rbuf);
    int level = BTreePage.level(lpage);
    byte[] high = BTreePage.item(lpage, 1);
    byte[] separator = BTreePage.isLeaf(lpage) ? BTreePage.separatorOf(high, right) : BTreePage.withDownlink(high, right);
    BTreeMeta.Root root = tree.readRoot();
    if (root.block() == left) {
      newRoot(lbuf, rbuf, level, separator);
      return;
    }
    tree.release(rbuf);
    if (root.level() <= level) {
      tree.release(lbuf);
      throw tree.corrupted("block " + left + " at level " + level + " is not the root, but the root is at level " + root.level());
    }
    if (stack == null) stack = leftmostAt(level + 1); // we came from a root that has split since
    Parent parent = findParent(stack, left);
    if (downlinkFollows(parent.buf(), parent.offset(), right)) {
      tree.release(parent.buf());
      clearIncompleteSplit(lbuf);
      return;
    }
    insertOnPage(parent.buf(), parent.stack().parent(), parent.offset() + 1, separator, lbuf);
  }

  /** The root {@code lbuf} split into it and {@code rbuf}: a new root above them, then the metapage. */
  private void newRoot(int lbuf, int rbuf, int level, byte[] separator) {
    long left = pool.blockNumber(lbuf);
    int nbuf = tree.extendAndLatch();
    long newRoot = pool.blockNumber(nbuf);
    tree.writePage(nbuf, ResourceManagers.BTREE_NEWROOT, p -> {
      BTreePage.init(p, level + 1, BTreePage.ROOT, BTreePage.NONE, BTreePage.NONE);
      Page.addItem(p, BTreePage.minusInfinity(left));
      Page.addItem(p, separator);
    });
    int mbuf = tree.pinAndLatch(BTreeMeta.BLOCK, true);
    tree.writePage(mbuf, ResourceManagers.BTREE_META, p -> BTreeMeta.setRoot(p, newRoot, level + 1));
    tree.release(mbuf);
    tree.release(nbuf);
    tree.release(rbuf);
    clearIncompleteSplit(lbuf);
  }

  /**
   * Finishes the split of the exclusively latched, INCOMPLETE_SPLIT page {@code lbuf}, whose parent path is
   * {@code stack} (nbtree's _bt_finish_split): repairs its right sibling's right neighbour's left link if the
   * crash came before that, then inserts the downlink (or makes the new root). Releases {@code lbuf}.
   */
  void finishSplit(int lbuf, BTree.Stack stack) {
    long right = BTreePage.next(pool.page(lbuf));
    int rbuf = tree.pinAndLatch(right, true);
    MemorySegment rpage = pool.page(rbuf);
    if (!BTreePage.isRightmost(rpage)) setLeftLink(BTreePage.next(rpage), right);
    insertParent(lbuf, rbuf, stack);
  }

  private void clearIncompleteSplit(int buf) {
    tree.writePage(buf, ResourceManagers.BTREE_SPLIT_FINISH,
        p -> BTreePage.setFlags(p, BTreePage.flags(p) & ~BTreePage.INCOMPLETE_SPLIT));
    tree.release(buf);
  }

  /** The parent page, exclusively latched, the offset of the downlink to the child in it, and its path. */
  private record Parent(int buf, int offset, BTree.Stack stack) {}

  /**
   * Re-finds the downlink to {@code child} on the parent level (nbtree's _bt_getstackbuf): on the page the
   * descent remembered, near the remembered offset, else on the pages to its right (splits move downlinks
   * only right). Finishes an incomplete split of a parent page first.
   */
  private Parent findParent(BTree.Stack stack, long child) {
    long block = stack.block();
    int start = stack.offset();
    for (int hops = 0; hops < BTree.MAX_HOPS; hops++) {
      int buf = tree.pinAndLatch(block, true);
      MemorySegment page = pool.page(buf);
      if (BTreePage.incompleteSplit(page)) {
        finishSplit(buf, stack.parent());
        continue;
      }
      int first = BTreePage.firstDataKey(page);
      int max = BTreePage.maxOffset(page);
      int from = Math.max(first, Math.min(start, max + 1));
      for (int o = from; o <= max; o++) {
        if (BTreePage.downlink(page, o) == child) return new Parent(buf, o, new BTree.Stack(block, o, stack.parent()));
      }
      for (int o = from - 1; o >= first; o--) {
        if (BTreePage.downlink(page, o) == child) return new Parent(buf, o, new BTree.Stack(block, o, stack.parent()));
      }
      if (BTreePage.isRightmost(page)) {
        tree.release(buf);
        throw tree.corrupted("failed to re-find parent key for block " + child);
      }
      long next = BTreePage.next(page);
      tree.release(buf);
      block = next;
      start = 1;
    }
    throw tree.corrupted("endless right-link chain");
  }

  /** Whether the downlink after the one at {@code off} (on this page or the next) already points to {@code right}. */
  private boolean downlinkFollows(int pbuf, int off, long right) {
    MemorySegment page = pool.page(pbuf);
    if (off < BTreePage.maxOffset(page)) return BTreePage.downlink(page, off + 1) == right;
    if (BTreePage.isRightmost(page)) return false;
    int nbuf = tree.pinAndLatch(BTreePage.next(page), false);
    try {
      MemorySegment next = pool.page(nbuf);
      int first = BTreePage.firstDataKey(next);
      return first <= BTreePage.maxOffset(next) && BTreePage.downlink(next, first) == right;
    } finally {
      tree.release(nbuf);
    }
  }

  /** A stack entry for the leftmost page of {@code level}, found from the root (one shared latch at a time). */
  private BTree.Stack leftmostAt(int level) {
    BTreeMeta.Root root = tree.readRoot();
    long block = root.block();
    for (int l = root.level(); l > level; l--) {
      int buf = tree.pinAndLatch(block, false);
      MemorySegment page = pool.page(buf);
      long child = BTreePage.downlink(page, BTreePage.firstDataKey(page));
      tree.release(buf);
      block = child;
    }
    return new BTree.Stack(block, 1, null);
  }
}
