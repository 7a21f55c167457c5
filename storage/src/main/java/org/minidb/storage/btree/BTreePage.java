package org.minidb.storage.btree;

import static org.minidb.storage.page.PageBytes.INT;
import static org.minidb.storage.page.PageBytes.SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.minidb.storage.page.Page;

/**
 * The layout of B-tree pages (PostgreSQL's nbtree.h) on the slotted {@link Page}: the special area
 * (BTPageOpaqueData) and the index tuples.
 *
 * <pre>
 * special area, 16 bytes: btpo_prev u32 | btpo_next u32 | btpo_level u32 | btpo_flags u16 | unused u16
 * leaf tuple:     tid 6 bytes (block u32, offset u16) | key bytes
 * internal tuple: downlink u32 | tid 6 bytes | key bytes
 * </pre>
 *
 * An entry is (key, tid); entries are ordered by the key bytes (unsigned, lexicographic), then by the tid as
 * an unsigned number, so every entry of an index is unique (PostgreSQL 12+'s heap TID tiebreak).
 *
 * <p>Item 1 of a page that is not the rightmost of its level is its <b>high key</b>: a copy of the first
 * entry of its right sibling at the time of the split, an upper bound: every entry on the page is &lt; it
 * and every entry right of it is &gt;= it. The data items follow ({@link #firstDataKey}). On internal
 * pages an item (separator, downlink) says that the child holds entries &gt;= the separator and &lt; the next
 * separator; the first data item's key is "minus infinity" (stored empty, never compared). Block 0 is the
 * metapage ({@link BTreeMeta}); block numbers of pages are never 0, so 0 ({@link #NONE}) means "no page".
 */
final class BTreePage {
  private BTreePage() {}

  static final int SPECIAL_SIZE = 16;
  /** No page: the right link of a rightmost page, the left link of a leftmost one. */
  static final long NONE = 0;

  static final int LEAF = 1;
  static final int ROOT = 2;
  static final int META = 8;
  /** The page split, and its parent has no downlink to the right half yet (nbtree's BTP_INCOMPLETE_SPLIT). */
  static final int INCOMPLETE_SPLIT = 128;

  static final int LEAF_HEADER = 6;
  static final int INTERNAL_HEADER = 10;

  /**
   * The largest leaf tuple: a third of a page less room for the downlink, so that a page always holds its
   * high key and two entries, and every separator fits on an internal page.
   */
  static final int MAX_LEAF_TUPLE =
      ((Page.SIZE - Page.HEADER_SIZE - SPECIAL_SIZE - 3 * Page.ITEM_ID_SIZE) / 3 & ~7) - 8;

  /** Bytes usable for items (with their line pointers) on an empty page. */
  static final int USABLE = Page.SIZE - Page.HEADER_SIZE - SPECIAL_SIZE;

  private static final int OFF_PREV = 0;
  private static final int OFF_NEXT = 4;
  private static final int OFF_LEVEL = 8;
  private static final int OFF_FLAGS = 12;

  static void init(MemorySegment page, int level, int flags, long prev, long next) {
    Page.init(page, SPECIAL_SIZE);
    setLevel(page, level);
    setFlags(page, flags);
    setPrev(page, prev);
    setNext(page, next);
  }

  private static int special(MemorySegment page) { return Page.special(page); }

  static long prev(MemorySegment page) { return Integer.toUnsignedLong(page.get(INT, special(page) + OFF_PREV)); }

  static long next(MemorySegment page) { return Integer.toUnsignedLong(page.get(INT, special(page) + OFF_NEXT)); }

  static int level(MemorySegment page) { return page.get(INT, special(page) + OFF_LEVEL); }

  static int flags(MemorySegment page) { return Short.toUnsignedInt(page.get(SHORT, special(page) + OFF_FLAGS)); }

  static void setPrev(MemorySegment page, long block) { page.set(INT, special(page) + OFF_PREV, (int) block); }

  static void setNext(MemorySegment page, long block) { page.set(INT, special(page) + OFF_NEXT, (int) block); }

  static void setLevel(MemorySegment page, int level) { page.set(INT, special(page) + OFF_LEVEL, level); }

  static void setFlags(MemorySegment page, int flags) { page.set(SHORT, special(page) + OFF_FLAGS, (short) flags); }

  static boolean isLeaf(MemorySegment page) { return (flags(page) & LEAF) != 0; }

  static boolean isRightmost(MemorySegment page) { return next(page) == NONE; }

  static boolean incompleteSplit(MemorySegment page) { return (flags(page) & INCOMPLETE_SPLIT) != 0; }

  /** Offset number of the first data item: 1 on a rightmost page, 2 after the high key otherwise. */
  static int firstDataKey(MemorySegment page) { return isRightmost(page) ? 1 : 2; }

  static int maxOffset(MemorySegment page) { return Page.itemCount(page); }

  static int header(boolean leaf) { return leaf ? LEAF_HEADER : INTERNAL_HEADER; }

  /** The tid of the item (leaf entry, or separator's tiebreak on internal pages). */
  static long tid(MemorySegment page, int off, boolean leaf) {
    int p = Page.itemOffset(page, off) + (leaf ? 0 : 4);
    long block = Integer.toUnsignedLong(page.get(INT, p));
    return (block << 16) | Short.toUnsignedInt(page.get(SHORT, p + 4));
  }

  static long downlink(MemorySegment page, int off) {
    return Integer.toUnsignedLong(page.get(INT, Page.itemOffset(page, off)));
  }

  /** The downlink of an internal tuple built by {@link #internalTuple} (not on a page). */
  static long downlinkOf(byte[] internalTuple) {
    return Integer.toUnsignedLong(MemorySegment.ofArray(internalTuple).get(INT, 0));
  }

  static byte[] key(MemorySegment page, int off, boolean leaf) { return Page.itemBytes(page, off, header(leaf)); }

  static byte[] item(MemorySegment page, int off) { return Page.itemBytes(page, off, 0); }

  /** A leaf tuple. */
  static byte[] leafTuple(byte[] key, long tid) {
    byte[] t = new byte[LEAF_HEADER + key.length];
    MemorySegment s = MemorySegment.ofArray(t);
    putTid(s, 0, tid);
    System.arraycopy(key, 0, t, LEAF_HEADER, key.length);
    return t;
  }

  /** An internal tuple: separator (key, tid) and downlink. */
  static byte[] internalTuple(byte[] key, long tid, long downlink) {
    byte[] t = new byte[INTERNAL_HEADER + key.length];
    MemorySegment s = MemorySegment.ofArray(t);
    s.set(INT, 0, (int) downlink);
    putTid(s, 4, tid);
    System.arraycopy(key, 0, t, INTERNAL_HEADER, key.length);
    return t;
  }

  /** The "minus infinity" first item of an internal page: only a downlink. */
  static byte[] minusInfinity(long downlink) { return internalTuple(new byte[0], 0, downlink); }

  private static void putTid(MemorySegment s, int at, long tid) {
    s.set(INT, at, (int) (tid >>> 16));
    s.set(SHORT, at + 4, (short) tid);
  }

  /** Rewrites the downlink of a tuple built by {@link #internalTuple} (a copy). */
  static byte[] withDownlink(byte[] internalTuple, long downlink) {
    byte[] t = internalTuple.clone();
    MemorySegment.ofArray(t).set(INT, 0, (int) downlink);
    return t;
  }

  /** A leaf tuple's entry as the internal tuple of a separator pointing to {@code downlink}. */
  static byte[] separatorOf(byte[] leafTuple, long downlink) {
    byte[] t = new byte[leafTuple.length + 4];
    MemorySegment.ofArray(t).set(INT, 0, (int) downlink);
    System.arraycopy(leafTuple, 0, t, 4, leafTuple.length);
    return t;
  }

  /** Space an item takes on a page, with its line pointer. */
  static int itemSpace(int length) { return ((length + 7) & ~7) + Page.ITEM_ID_SIZE; }

  /**
   * Compares item {@code off} with the search key: negative, zero or positive as the item is below, equal
   * to or above it. An exact key compares the tid after equal key bytes; a prefix key is equal to every
   * item whose key starts with it. The minus-infinity item is not compared here (callers skip it).
   */
  static int compare(MemorySegment page, int off, boolean leaf, SearchKey sk) {
    int h = header(leaf);
    long start = Page.itemOffset(page, off) + h;
    long len = Page.itemLength(page, off) - h;
    MemorySegment k = sk.segment();
    long klen = k.byteSize();
    long m = MemorySegment.mismatch(page, start, start + len, k, 0, klen);
    if (m == -1) return sk.exact() ? Long.compareUnsigned(tid(page, off, leaf), sk.tid()) : 0;
    if (m == klen) return sk.exact() ? 1 : 0; // the item's key extends the search key
    if (m == len) return -1; // the item's key is a proper prefix of the search key
    return Byte.toUnsignedInt(page.get(ValueLayout.JAVA_BYTE, start + m)) - Byte.toUnsignedInt(k.get(ValueLayout.JAVA_BYTE, m));
  }

  /** Whether the item satisfies the search's goal predicate ({@link SearchKey#isAtOrAfter}). */
  static boolean atOrAfter(MemorySegment page, int off, boolean leaf, SearchKey sk) {
    return sk.isAtOrAfter(compare(page, off, leaf, sk));
  }

  /**
   * Leaf: the first data item at or after the search key (maxOffset + 1 if none). Internal: the last item
   * before it, whose child is where the first entry at or after the key lives (or starts, moving right).
   */
  static int binarySearch(MemorySegment page, SearchKey sk) {
    boolean leaf = isLeaf(page);
    int lo = firstDataKey(page);
    int hi = maxOffset(page) + 1;
    if (!leaf) lo++; // the minus-infinity item is before every key
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (atOrAfter(page, mid, leaf, sk)) hi = mid;
      else lo = mid + 1;
    }
    return leaf ? lo : lo - 1;
  }
}
