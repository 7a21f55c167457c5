package org.minidb.storage.btree;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

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
 */
public final class BTreeScan {
  private final BTree tree;
  private final SearchKey start;
  private final SearchKey upper;
  private final boolean upperInclusive;
  private final List<byte[]> keys = new ArrayList<>();
  private final List<Long> tids = new ArrayList<>();
  private int pos = -1;
  private long nextBlock = -1; // -1: not positioned yet
  private boolean ended;
  private byte[] key;
  private long tid;

  BTreeScan(BTree tree, SearchKey start, byte[] upper, boolean upperInclusive) {
    this.tree = tree;
    this.start = start;
    this.upper = upper == null ? null : SearchKey.prefix(upper, false);
    this.upperInclusive = upperInclusive;
  }

  /** Advances to the next entry; false at the end of the range. */
  public boolean next() { return tree.guarded(this::advance); }

  private boolean advance() {
    for (int pages = 0; pages < BTree.MAX_HOPS; pages++) {
      if (++pos < keys.size()) {
        key = keys.get(pos);
        tid = tids.get(pos);
        return true;
      }
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

  /** The current entry's key bytes. */
  public byte[] key() { return key; }

  /** The current entry's heap tid. */
  public long tid() { return tid; }

  /** Copies the in-range entries of the latched leaf from {@code off} on, remembers its right link, releases it. */
  private void readPage(int buf, int off) {
    keys.clear();
    tids.clear();
    pos = -1;
    try {
      MemorySegment page = tree.pool.page(buf);
      for (int o = off; o <= BTreePage.maxOffset(page); o++) {
        if (upper != null) {
          int c = BTreePage.compare(page, o, true, upper);
          if (c > 0 || (c == 0 && !upperInclusive)) {
            ended = true;
            break;
          }
        }
        keys.add(BTreePage.key(page, o, true));
        tids.add(BTreePage.tid(page, o, true));
      }
      nextBlock = BTreePage.next(page);
    } finally {
      tree.release(buf);
    }
  }
}
