package org.minidb.storage.heap;

import java.lang.foreign.MemorySegment;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.buffer.PageChange;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.page.HeapTupleHeader;
import org.minidb.storage.page.Page;
import org.minidb.storage.tx.CommitLog;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.Transaction;
import org.minidb.storage.wal.ResourceManagers;

/**
 * A heap relation on slotted pages in the shared buffer pool (PostgreSQL's heapam). Writers take the
 * relation's write lock themselves ({@link Transaction#lockRelationForWrite}), so two transactions never
 * change one heap at once. A page's content latch is held only while one page is looked at or changed; no
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

  public PagedHeap(BufferPool pool, FileManager files, MvccTransactionManager tm, long relOid,
      RelFileLocator locator, FreeSpaceMap fsm) {
    this.pool = pool;
    this.files = files;
    this.tm = tm;
    this.relOid = relOid;
    this.locator = locator;
    this.fsm = fsm;
  }

  public RelFileLocator locator() { return locator; }

  @Override
  public long insert(Transaction tx, byte[] tuple) {
    checkSize(tuple);
    tx.lockRelationForWrite(relOid);
    byte[] item = HeapTupleHeader.build(tx.xid(), tx.commandId(), 0, tuple);
    return place(item, -1, tx.xid(), ResourceManagers.HEAP_INSERT);
  }

  @Override
  public boolean delete(Transaction tx, long tid) {
    tx.lockRelationForWrite(relOid);
    long xid = tx.xid();
    return withExclusivePage(pool.readBuffer(locator, ItemPointer.block(tid)), (buf, page) -> {
      int off = itemOffset(page, tid);
      PageChange change = PageChange.begin(pool, buf);
      boolean deleted = markDeleted(page, off, xid, tx.commandId());
      if (deleted) change.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_DELETE);
      return deleted ? 1 : 0;
    }) == 1;
  }

  /**
   * Deletes the version at {@code tid} and inserts {@code newTuple}, on the same page when it fits. Returns
   * the new version's tid, or -1 when the version was already changed by this command (nothing is done).
   */
  @Override
  public long update(Transaction tx, long tid, byte[] newTuple) {
    checkSize(newTuple);
    tx.lockRelationForWrite(relOid);
    long xid = tx.xid();
    byte[] item = HeapTupleHeader.build(xid, tx.commandId(), HeapTupleHeader.UPDATED, newTuple);
    long block = ItemPointer.block(tid);
    final long alreadyChanged = -2;
    long sameBlock = withExclusivePage(pool.readBuffer(locator, block), (buf, page) -> {
      int off = itemOffset(page, tid);
      PageChange change = PageChange.begin(pool, buf);
      if (!markDeleted(page, off, xid, tx.commandId())) return alreadyChanged;
      int n = Page.addItem(page, item);
      long newTid = n > 0 ? ItemPointer.of(block, n) : -1;
      if (n > 0) {
        HeapTupleHeader.setCtid(page, Page.itemOffset(page, n), newTid);
        HeapTupleHeader.setCtid(page, off, newTid);
      }
      change.log(xid, ResourceManagers.HEAP, n > 0 ? ResourceManagers.HEAP_UPDATE : ResourceManagers.HEAP_DELETE);
      fsm.record(block, Page.freeSpace(page));
      return newTid;
    });
    if (sameBlock == alreadyChanged) return -1;
    if (sameBlock >= 0) return sameBlock;
    // The new version goes to another page; then the old one learns where it went.
    long newTid = place(item, block, xid, ResourceManagers.HEAP_UPDATE);
    withExclusivePage(pool.readBuffer(locator, block), (buf, page) -> {
      int off = itemOffset(page, tid);
      PageChange change = PageChange.begin(pool, buf);
      HeapTupleHeader.setCtid(page, off, newTid);
      change.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_UPDATE_LINK);
      return 0;
    });
    return newTid;
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

  @Override
  public HeapScan scan(Snapshot snapshot) {
    return new PagedHeapScan(pool, tm, locator, pageCount(), snapshot, fsm);
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
   * Sets xmax/cmax on a version. False if this transaction already deleted it; 40001 if another transaction
   * did (committed or still running). The page is latched exclusively.
   */
  private boolean markDeleted(MemorySegment page, int off, long xid, int cid) {
    int mask = HeapTupleHeader.infomask(page, off);
    long xmax = HeapTupleHeader.xmax(page, off);
    if (xmax != 0 && (mask & HeapTupleHeader.XMAX_INVALID) == 0) {
      if (xmax == xid) return false;
      if (tm.xidStatus(xmax) != CommitLog.ABORTED) {
        throw DbException.of(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
      }
    }
    HeapTupleHeader.setXmax(page, off, xid, cid);
    HeapTupleHeader.setInfomask(page, off, mask & ~(HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_COMMITTED));
    return true;
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
  private long place(byte[] item, long avoid, long xid, int info) {
    int needed = ((item.length + 7) & ~7) + Page.ITEM_ID_SIZE;
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
      long tid = tryPlace(pool.readBuffer(locator, block), item, xid, info);
      if (tid >= 0) return tid;
    }
    long tid = tryPlace(pool.extend(locator), item, xid, info);
    if (tid < 0) throw DbException.internal("tuple does not fit on a new page of " + locator.path(), null);
    return tid;
  }

  /** Adds the item to the pinned buffer's page if it fits; unpins; returns the tid or -1. */
  private long tryPlace(int pinnedBuf, byte[] item, long xid, int info) {
    return withExclusivePage(pinnedBuf, (buf, page) -> {
      long block = pool.blockNumber(buf);
      PageChange change = PageChange.begin(pool, buf);
      if (Page.isNew(page)) Page.init(page, 0);
      int n = Page.addItem(page, item);
      if (n > 0) {
        long tid = ItemPointer.of(block, n);
        HeapTupleHeader.setCtid(page, Page.itemOffset(page, n), tid);
        change.log(xid, ResourceManagers.HEAP, info);
      } else if (Page.itemCount(page) == 0) {
        change.log(xid, ResourceManagers.HEAP, ResourceManagers.HEAP_INIT); // initialized a new page
      }
      fsm.record(block, Page.freeSpace(page));
      return n > 0 ? ItemPointer.of(block, n) : -1;
    });
  }
}
