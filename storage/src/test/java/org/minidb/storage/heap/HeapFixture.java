package org.minidb.storage.heap;

import java.nio.file.Path;
import org.minidb.storage.buffer.BufferPool;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.FileSync;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.tx.ControlFile;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.TransactionIds;

/** Files, a small buffer pool and a transaction manager over a temp directory, without a catalog. */
final class HeapFixture implements AutoCloseable {
  final FileManager files;
  final SharedMemory shm;
  final BufferPool pool;
  final MvccTransactionManager tm;

  HeapFixture(Path dir, int frames) {
    files = new FileManager(dir, false);
    long[] a = BufferPool.sharedSizes(frames);
    long[] b = MvccTransactionManager.sharedSizes();
    long[] all = new long[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    shm = SharedMemory.allocate(SharedMemory.sizeFor(all));
    pool = new BufferPool(shm, frames, files);
    tm = new MvccTransactionManager(shm, dir, false);
    if (!ControlFile.exists(dir)) {
      FileSync.createDirectories(dir.resolve("global"), false);
      new ControlFile(1, ControlFile.IN_PRODUCTION, TransactionIds.FIRST_NORMAL, 16384, TransactionIds.FIRST_NORMAL)
          .write(dir, false);
    }
    tm.startup(ControlFile.read(dir));
  }

  PagedHeap createHeap(long relOid) {
    RelFileLocator loc = new RelFileLocator(5, relOid);
    files.create(loc);
    return new PagedHeap(pool, files, tm, relOid, loc, new FreeSpaceMap(), new HeapStatistics());
  }

  /** A heap for a table with a TOAST relation: its versions carry HEAP_HASEXTERNAL when they have values out of line. */
  PagedHeap createToastableHeap(long relOid, java.util.List<org.minidb.common.types.DataType> types) {
    RelFileLocator loc = new RelFileLocator(5, relOid);
    files.create(loc);
    return new PagedHeap(pool, files, tm, relOid, loc, new FreeSpaceMap(), new HeapStatistics(), false,
        org.minidb.storage.toast.ToastedHeap.hasExternalValues(types));
  }

  @Override
  public void close() {
    pool.flushAll();
    tm.shutdown();
    shm.close();
    files.close();
  }
}
