package org.minidb.storage.heap;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.buffer.PageChange;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.Page;
import org.minidb.storage.wal.ResourceManagers;

/**
 * A heap's visibility map (PostgreSQL's visibilitymap.c, the all-visible bit only): one bit per heap page, set
 * when every version on the page is visible to every transaction there is or will be, kept in the relation's
 * {@code _vm} fork as ordinary pages of the buffer pool (page header, then the bitmap), every change WAL-logged.
 * Index-only scans skip the heap for pages whose bit is set; sequential scans skip the visibility checks of
 * pages flagged PD_ALL_VISIBLE.
 *
 * <p>Invariants. A set bit implies PD_ALL_VISIBLE on the heap page and that no version on it needs a
 * visibility check. VACUUM sets PD_ALL_VISIBLE in its heap page change, then the bit (a crash between leaves the
 * flag alone, which is harmless). Whoever changes the visibility of a version on a PD_ALL_VISIBLE page (insert,
 * delete, update; not a row lock) clears the bit first, then the flag in its own page change, both under the heap
 * page's exclusive latch: the WAL holds the clearing before the change, so no crash leaves a set bit over a
 * changed page. Latch order: heap page, then visibility map page. Truncation clears the bits of the removed
 * pages before the file shrinks, so a page added there later starts with a clear bit.
 */
public final class VisibilityMap {
  /** Heap pages one map page covers: a bit each, after the page header. */
  static final int PAGES_PER_MAP_PAGE = (Page.SIZE - Page.HEADER_SIZE) * 8;

  private final BufferPool pool;
  private final FileManager files;
  private final RelFileLocator map;
  /** Map pages known to exist (the file only grows while the heap is open); refreshed when a bit lies beyond. */
  private long knownPages = -1;

  VisibilityMap(BufferPool pool, FileManager files, RelFileLocator heap) {
    this.pool = pool;
    this.files = files;
    this.map = heap.visibilityMap();
  }

  /** Whether the heap page's bit is set. Reads under the map page's shared latch. */
  public boolean isAllVisible(long heapBlock) {
    long mapBlock = heapBlock / PAGES_PER_MAP_PAGE;
    if (!exists(mapBlock)) return false;
    int buf = pool.readBuffer(map, mapBlock);
    try {
      pool.lockShared(buf);
      try {
        return (byteOf(pool.page(buf), heapBlock) & bitOf(heapBlock)) != 0;
      } finally {
        pool.unlockContent(buf);
      }
    } finally {
      pool.unpin(buf);
    }
  }

  /**
   * Clears the bit of a heap page the caller holds exclusively latched and is about to change, if the page is
   * flagged PD_ALL_VISIBLE, and then the flag (the caller's own page change logs that). Cheap when not flagged.
   */
  void clearBeforeChange(MemorySegment heapPage, long heapBlock, long xid) {
    if (!Page.hasFlag(heapPage, Page.PD_ALL_VISIBLE)) return;
    if (exists(heapBlock / PAGES_PER_MAP_PAGE)) change(heapBlock, false, xid);
    Page.setFlag(heapPage, Page.PD_ALL_VISIBLE, false);
  }

  /** Sets the bit of a heap page VACUUM has just flagged PD_ALL_VISIBLE (its latch still held). */
  void set(long heapBlock) {
    long mapBlock = heapBlock / PAGES_PER_MAP_PAGE;
    if (!exists(mapBlock)) extendTo(mapBlock);
    change(heapBlock, true, 0);
  }

  /** Clears the bits of heap pages from {@code fromBlock} on (before the heap is truncated there). */
  void truncate(long fromBlock) {
    if (!exists(fromBlock / PAGES_PER_MAP_PAGE)) return;
    long pages = knownPages;
    for (long mapBlock = fromBlock / PAGES_PER_MAP_PAGE; mapBlock < pages; mapBlock++) {
      int buf = pool.readBuffer(map, mapBlock);
      try {
        pool.lockExclusive(buf);
        try {
          MemorySegment page = pool.page(buf);
          PageChange c = PageChange.begin(pool, buf);
          long first = Math.max(fromBlock, mapBlock * PAGES_PER_MAP_PAGE);
          for (long b = first; b < (mapBlock + 1) * PAGES_PER_MAP_PAGE; b++) {
            byte v = byteOf(page, b);
            if ((v & bitOf(b)) != 0) page.set(ValueLayout.JAVA_BYTE, offsetOf(b), (byte) (v & ~bitOf(b)));
          }
          c.log(0, ResourceManagers.HEAP, ResourceManagers.HEAP_VISIBILITY_MAP);
        } finally {
          pool.unlockContent(buf);
        }
      } finally {
        pool.unpin(buf);
      }
    }
  }

  /** The number of heap pages whose bit is set (pg_class.relallvisible). */
  public long countAllVisible() {
    if (!exists(0)) return 0;
    long n = 0;
    for (long mapBlock = 0; mapBlock < knownPages; mapBlock++) {
      int buf = pool.readBuffer(map, mapBlock);
      try {
        pool.lockShared(buf);
        try {
          MemorySegment page = pool.page(buf);
          for (int off = Page.HEADER_SIZE; off < Page.SIZE; off++) {
            n += Integer.bitCount(page.get(ValueLayout.JAVA_BYTE, off) & 0xff);
          }
        } finally {
          pool.unlockContent(buf);
        }
      } finally {
        pool.unpin(buf);
      }
    }
    return n;
  }

  private void change(long heapBlock, boolean on, long xid) {
    int buf = pool.readBuffer(map, heapBlock / PAGES_PER_MAP_PAGE);
    try {
      pool.lockExclusive(buf);
      try {
        MemorySegment page = pool.page(buf);
        byte v = byteOf(page, heapBlock);
        byte next = (byte) (on ? v | bitOf(heapBlock) : v & ~bitOf(heapBlock));
        if (next == v) return;
        PageChange c = PageChange.begin(pool, buf);
        page.set(ValueLayout.JAVA_BYTE, offsetOf(heapBlock), next);
        c.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_VISIBILITY_MAP);
      } finally {
        pool.unlockContent(buf);
      }
    } finally {
      pool.unpin(buf);
    }
  }

  /** Whether the map page exists: the known count first, the file (which may not exist yet) only beyond it. */
  private boolean exists(long mapBlock) {
    if (mapBlock < knownPages) return true;
    knownPages = files.exists(map) ? pool.nblocks(map) : 0;
    return mapBlock < knownPages;
  }

  /**
   * Creates the fork (WAL-logged, as a relation file) and adds zeroed map pages up to {@code mapBlock}. Only
   * VACUUM extends the map, and one VACUUM at a time runs per table (SHARE UPDATE EXCLUSIVE).
   */
  private void extendTo(long mapBlock) {
    if (!files.exists(map)) {
      if (pool.wal() != null) {
        pool.wal().insert(0, ResourceManagers.SMGR, ResourceManagers.SMGR_CREATE, ResourceManagers.smgrData(map));
      }
      files.create(map);
    }
    while (pool.nblocks(map) <= mapBlock) {
      int buf = pool.extend(map);
      try {
        pool.lockExclusive(buf);
        try {
          PageChange c = PageChange.begin(pool, buf);
          Page.init(pool.page(buf), 0);
          c.log(0, ResourceManagers.HEAP, ResourceManagers.HEAP_VISIBILITY_MAP);
        } finally {
          pool.unlockContent(buf);
        }
      } finally {
        pool.unpin(buf);
      }
    }
    knownPages = pool.nblocks(map);
  }

  private static long offsetOf(long heapBlock) {
    return Page.HEADER_SIZE + (heapBlock % PAGES_PER_MAP_PAGE) / 8;
  }

  private static byte byteOf(MemorySegment page, long heapBlock) {
    return page.get(ValueLayout.JAVA_BYTE, offsetOf(heapBlock));
  }

  private static int bitOf(long heapBlock) { return 1 << (heapBlock % 8); }
}
