package org.minidb.storage.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.Page;
import org.minidb.storage.wal.PageRecord;
import org.minidb.storage.wal.Wal;

/**
 * One WAL-logged change of one page (PostgreSQL's START_CRIT_SECTION .. XLogInsert .. PageSetLSN ..
 * MarkBufferDirty). The caller holds the buffer pinned and exclusively latched from {@link #begin} to
 * {@link #log}, and changes the page in between:
 *
 * <pre>
 * PageChange c = PageChange.begin(pool, buf);
 * ... change pool.page(buf) ...
 * c.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_INSERT);
 * </pre>
 *
 * {@code log} inserts a record — the whole page if the page's LSN is at or before the redo point of the last
 * checkpoint begun (the first change after a checkpoint, so a torn write can be repaired), else the changed
 * byte ranges — then sets the page LSN to the record's end and marks the buffer dirty. Because the exclusive
 * latch is held until then, the page cannot be written (flushBuffer needs the latch) before its LSN covers the
 * change. A change that throws between begin and log must not have touched the page.
 */
public final class PageChange {
  private final BufferPool pool;
  private final int buf;
  private final byte[] before;

  private PageChange(BufferPool pool, int buf, byte[] before) {
    this.pool = pool;
    this.buf = buf;
    this.before = before;
  }

  public static PageChange begin(BufferPool pool, int buf) {
    if (pool.wal() == null) return new PageChange(pool, buf, null);
    byte[] copy = new byte[Page.SIZE];
    MemorySegment.copy(pool.page(buf), ValueLayout.JAVA_BYTE, 0, copy, 0, Page.SIZE);
    return new PageChange(pool, buf, copy);
  }

  /** Logs the change made since {@link #begin} (nothing when the page did not change) and marks the buffer dirty. */
  public void log(long xid, int rmgr, int info) {
    Wal wal = pool.wal();
    if (wal == null) {
      pool.markDirty(buf);
      return;
    }
    MemorySegment page = pool.page(buf);
    RelFileLocator rel = pool.relationOf(buf);
    long block = pool.blockNumber(buf);
    boolean init = isAllZero(before);
    byte[] delta = PageRecord.delta(rel, block, before, page, init);
    if (delta == null) return;
    long pageLsn = Page.lsn(page);
    long lsn = wal.insert(xid, rmgr, info,
        redo -> !init && pageLsn <= redo ? PageRecord.image(rel, block, page) : delta);
    Page.setLsn(page, lsn);
    pool.markDirty(buf);
  }

  private static boolean isAllZero(byte[] b) {
    MemorySegment s = MemorySegment.ofArray(b);
    for (long i = 0; i < b.length; i += 8) {
      if (s.get(ValueLayout.JAVA_LONG_UNALIGNED, i) != 0) return false;
    }
    return true;
  }
}
