package org.minidb.storage.page;

import static org.minidb.storage.page.PageBytes.INT;
import static org.minidb.storage.page.PageBytes.LONG;
import static org.minidb.storage.page.PageBytes.SHORT;

import java.lang.foreign.MemorySegment;

/**
 * The 8 KiB slotted page (PostgreSQL's bufpage.h), operating on a {@link MemorySegment} of exactly
 * {@link #SIZE} bytes (a buffer frame or a private copy). Layout:
 *
 * <pre>
 * 0  pd_lsn       u64  LSN of the last WAL record that changed the page (0 until the WAL exists)
 * 8  pd_checksum  u32  CRC32C of the page with this field as zero, mixed with the block number
 * 12 pd_flags     u16
 * 14 pd_lower     u16  end of the line pointer array
 * 16 pd_upper     u16  start of the tuple space (tuples grow down from pd_special)
 * 18 pd_special   u16  start of the special space (== SIZE for heap pages)
 * 20 pd_pagesize_version u16
 * 22 reserved     u16
 * 24 line pointers, 4 bytes each: lp_off:15 | lp_flags:2 | lp_len:15 (offset numbers are 1-based)
 * </pre>
 *
 * Invariants: HEADER_SIZE &lt;= lower &lt;= upper &lt;= special &lt;= SIZE; items start 8-byte aligned. A page
 * that is all zeros is "new" (extended but never initialized) and valid. Callers hold the buffer's
 * exclusive content latch to change a page, at least the shared one to read it.
 */
public final class Page {
  private Page() {}

  public static final int SIZE = 8192;
  public static final int HEADER_SIZE = 24;
  public static final int ITEM_ID_SIZE = 4;
  public static final int LAYOUT_VERSION = 1;

  static final int OFF_LSN = 0;
  static final int OFF_CHECKSUM = 8;
  static final int OFF_FLAGS = 12;
  static final int OFF_LOWER = 14;
  static final int OFF_UPPER = 16;
  static final int OFF_SPECIAL = 18;
  static final int OFF_VERSION = 20;

  public static final int LP_UNUSED = 0;
  public static final int LP_NORMAL = 1;
  public static final int LP_REDIRECT = 2;
  public static final int LP_DEAD = 3;

  /** pd_flags bit: some line pointers are LP_UNUSED and may be reused by {@link #addItem}. */
  public static final int PD_HAS_FREE_LINES = 0x0001;

  /**
   * pd_flags bit: a version on the page got an xmax since the page was last pruned, so pruning may free space
   * (PostgreSQL keeps pd_prune_xid for this).
   */
  public static final int PD_PRUNABLE = 0x0002;

  /**
   * pd_flags bit: every version on the page is visible to every transaction (heap/VisibilityMap); cleared by
   * whoever changes a version's visibility on it.
   */
  public static final int PD_ALL_VISIBLE = 0x0004;

  public static boolean hasFlag(MemorySegment page, int flag) { return (u16(page, OFF_FLAGS) & flag) != 0; }

  public static void setFlag(MemorySegment page, int flag, boolean on) {
    int flags = u16(page, OFF_FLAGS);
    setU16(page, OFF_FLAGS, on ? flags | flag : flags & ~flag);
  }

  /** Largest item that fits on an empty heap page (one line pointer). */
  public static final int MAX_ITEM_SIZE = (SIZE - HEADER_SIZE - ITEM_ID_SIZE) & ~7;

  /** Initializes an empty page with {@code specialSize} bytes of special space. */
  public static void init(MemorySegment page, int specialSize) {
    page.asSlice(0, SIZE).fill((byte) 0);
    int special = SIZE - ((specialSize + 7) & ~7);
    setU16(page, OFF_LOWER, HEADER_SIZE);
    setU16(page, OFF_UPPER, special);
    setU16(page, OFF_SPECIAL, special);
    setU16(page, OFF_VERSION, (SIZE & 0xff00) | LAYOUT_VERSION);
  }

  /** True for a page never initialized (pd_upper == 0), e.g. just extended with zeros. */
  public static boolean isNew(MemorySegment page) { return upper(page) == 0; }

  public static long lsn(MemorySegment page) { return page.get(LONG, OFF_LSN); }

  /** Sets the page LSN: the WAL rule will be "the WAL is flushed up to it before the page is written". */
  public static void setLsn(MemorySegment page, long lsn) { page.set(LONG, OFF_LSN, lsn); }

  public static int checksum(MemorySegment page) { return page.get(INT, OFF_CHECKSUM); }

  static void setChecksum(MemorySegment page, int sum) { page.set(INT, OFF_CHECKSUM, sum); }

  public static int lower(MemorySegment page) { return u16(page, OFF_LOWER); }

  public static int upper(MemorySegment page) { return u16(page, OFF_UPPER); }

  public static int special(MemorySegment page) { return u16(page, OFF_SPECIAL); }

  /** Number of line pointers (the highest offset number). */
  public static int itemCount(MemorySegment page) {
    int lower = lower(page);
    return lower <= HEADER_SIZE ? 0 : (lower - HEADER_SIZE) / ITEM_ID_SIZE;
  }

  /** Bytes available for one more item including its line pointer, before alignment. */
  public static int freeSpace(MemorySegment page) {
    if (isNew(page)) return MAX_ITEM_SIZE;
    int free = upper(page) - lower(page) - ITEM_ID_SIZE;
    return Math.max(0, free) & ~7;
  }

  private static int itemIdWord(MemorySegment page, int offsetNumber) {
    return page.get(INT, HEADER_SIZE + (offsetNumber - 1) * ITEM_ID_SIZE);
  }

  public static int itemOffset(MemorySegment page, int offsetNumber) { return itemIdWord(page, offsetNumber) & 0x7fff; }

  public static int itemFlags(MemorySegment page, int offsetNumber) { return (itemIdWord(page, offsetNumber) >>> 15) & 3; }

  public static int itemLength(MemorySegment page, int offsetNumber) { return (itemIdWord(page, offsetNumber) >>> 17) & 0x7fff; }

  private static void setItemId(MemorySegment page, int offsetNumber, int off, int flags, int len) {
    page.set(INT, HEADER_SIZE + (offsetNumber - 1) * ITEM_ID_SIZE, (off & 0x7fff) | (flags << 15) | (len << 17));
  }

  /**
   * Adds an item, in the first LP_UNUSED line pointer if the page has one (heap pages after pruning), else at
   * the end of the line pointer array; returns its 1-based offset number, or 0 when it does not fit. The page
   * must be initialized.
   */
  public static int addItem(MemorySegment page, byte[] item) {
    int lower = lower(page);
    int upper = upper(page);
    int newUpper = (upper - item.length) & ~7;
    int reuse = (u16(page, OFF_FLAGS) & PD_HAS_FREE_LINES) != 0 ? firstUnused(page) : 0;
    if (item.length > MAX_ITEM_SIZE || newUpper < lower + (reuse > 0 ? 0 : ITEM_ID_SIZE)) return 0;
    MemorySegment.copy(MemorySegment.ofArray(item), 0, page, newUpper, item.length);
    int offsetNumber = reuse > 0 ? reuse : itemCount(page) + 1;
    setItemId(page, offsetNumber, newUpper, LP_NORMAL, item.length);
    if (reuse == 0) setU16(page, OFF_LOWER, lower + ITEM_ID_SIZE);
    setU16(page, OFF_UPPER, newUpper);
    return offsetNumber;
  }

  /**
   * Inserts an item so that it gets offset number {@code offsetNumber} (1..itemCount+1): the line pointers
   * from there on move up by one (PostgreSQL's PageAddItem without overwrite, for pages whose item order
   * matters, as B-tree pages). Returns false, changing nothing, when it does not fit.
   */
  public static boolean addItemAt(MemorySegment page, int offsetNumber, byte[] item) {
    int count = itemCount(page);
    if (offsetNumber < 1 || offsetNumber > count + 1) throw new IllegalArgumentException("offset " + offsetNumber);
    int lower = lower(page);
    int newUpper = (upper(page) - item.length) & ~7;
    if (item.length > MAX_ITEM_SIZE || newUpper < lower + ITEM_ID_SIZE) return false;
    MemorySegment.copy(MemorySegment.ofArray(item), 0, page, newUpper, item.length);
    long at = HEADER_SIZE + (long) (offsetNumber - 1) * ITEM_ID_SIZE;
    MemorySegment.copy(page, at, page, at + ITEM_ID_SIZE, lower - at);
    setItemId(page, offsetNumber, newUpper, LP_NORMAL, item.length);
    setU16(page, OFF_LOWER, lower + ITEM_ID_SIZE);
    setU16(page, OFF_UPPER, newUpper);
    return true;
  }

  /**
   * Removes item {@code offsetNumber}: the line pointers after it move down by one and the item space is
   * compacted (PostgreSQL's PageIndexTupleDelete), for index pages (items LP_NORMAL or LP_DEAD with storage).
   */
  public static void deleteItem(MemorySegment page, int offsetNumber) {
    int count = itemCount(page);
    if (offsetNumber < 1 || offsetNumber > count) throw new IllegalArgumentException("offset " + offsetNumber);
    int off = itemOffset(page, offsetNumber);
    int size = (itemLength(page, offsetNumber) + 7) & ~7; // items start 8-byte aligned below an aligned upper
    int upper = upper(page);
    MemorySegment.copy(page, upper, page, upper + size, off - upper);
    for (int n = 1; n <= count; n++) {
      int o = itemOffset(page, n);
      // Every item with storage moves (LP_NORMAL, and LP_DEAD index entries marked by markDead, which keep theirs).
      if (n != offsetNumber && o < off && itemLength(page, n) > 0) setItemId(page, n, o + size, itemFlags(page, n), itemLength(page, n));
    }
    long at = HEADER_SIZE + (long) offsetNumber * ITEM_ID_SIZE;
    int lower = lower(page);
    MemorySegment.copy(page, at, page, at - ITEM_ID_SIZE, lower - at);
    page.set(INT, lower - ITEM_ID_SIZE, 0);
    page.asSlice(upper, size).fill((byte) 0);
    setU16(page, OFF_LOWER, lower - ITEM_ID_SIZE);
    setU16(page, OFF_UPPER, upper + size);
  }

  /** The first LP_UNUSED line pointer, or 0 (then the free-lines flag is cleared: there is none left). */
  private static int firstUnused(MemorySegment page) {
    int n = itemCount(page);
    for (int i = 1; i <= n; i++) if (itemFlags(page, i) == LP_UNUSED) return i;
    setFlag(page, PD_HAS_FREE_LINES, false);
    return 0;
  }

  /** Marks an item unused: its line pointer may be reused, its space is reclaimed by {@link #repairFragmentation}. */
  public static void setUnused(MemorySegment page, int offsetNumber) {
    setItemId(page, offsetNumber, 0, LP_UNUSED, 0);
  }

  /**
   * Marks an item dead: its space is reclaimed by {@link #repairFragmentation} but its line pointer is not reused
   * (index entries may still point at it; VACUUM makes it unused once they are gone).
   */
  public static void setDead(MemorySegment page, int offsetNumber) {
    setItemId(page, offsetNumber, 0, LP_DEAD, 0);
  }

  /**
   * Flags an item LP_DEAD keeping its storage (PostgreSQL's ItemIdMarkDead): index entries whose heap versions are
   * dead to every transaction; the entry's bytes stay readable, scans skip it, a page about to split removes it.
   */
  public static void markDead(MemorySegment page, int offsetNumber) {
    setItemId(page, offsetNumber, itemOffset(page, offsetNumber), LP_DEAD, itemLength(page, offsetNumber));
  }

  /**
   * Compacts the page after items were marked unused (PostgreSQL's PageRepairFragmentation): the LP_NORMAL items'
   * bytes move together at the end of the page, keeping their offset numbers (tids stay valid); trailing unused
   * line pointers are dropped; the free-lines flag says whether unused ones remain in between.
   */
  public static void repairFragmentation(MemorySegment page) {
    int n = itemCount(page);
    while (n > 0 && itemFlags(page, n) == LP_UNUSED) n--;
    byte[] copy = page.asSlice(0, SIZE).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    MemorySegment old = MemorySegment.ofArray(copy);
    int upper = special(page);
    boolean holes = false;
    for (int i = 1; i <= n; i++) {
      if (itemFlags(old, i) != LP_NORMAL) {
        holes |= itemFlags(old, i) == LP_UNUSED;
        continue;
      }
      int len = itemLength(old, i);
      upper = (upper - len) & ~7;
      MemorySegment.copy(old, itemOffset(old, i), page, upper, len);
      setItemId(page, i, upper, LP_NORMAL, len);
    }
    setU16(page, OFF_LOWER, HEADER_SIZE + n * ITEM_ID_SIZE);
    setU16(page, OFF_UPPER, upper);
    setFlag(page, PD_HAS_FREE_LINES, holes);
  }

  /** Copies {@code len} bytes of item {@code offsetNumber}, starting {@code skip} bytes into it. */
  public static byte[] itemBytes(MemorySegment page, int offsetNumber, int skip) {
    int off = itemOffset(page, offsetNumber);
    int len = itemLength(page, offsetNumber);
    byte[] out = new byte[len - skip];
    MemorySegment.copy(page, java.lang.foreign.ValueLayout.JAVA_BYTE, off + skip, out, 0, out.length);
    return out;
  }

  /** Sanity checks of the header, done when a page is read in (besides the checksum). */
  public static boolean headerIsSane(MemorySegment page) {
    int lower = lower(page);
    int upper = upper(page);
    int special = special(page);
    return HEADER_SIZE <= lower && lower <= upper && upper <= special && special <= SIZE
        && (u16(page, OFF_VERSION) & 0xff) == LAYOUT_VERSION;
  }

  static int u16(MemorySegment page, long off) { return Short.toUnsignedInt(page.get(SHORT, off)); }

  static void setU16(MemorySegment page, long off, int v) { page.set(SHORT, off, (short) v); }
}
