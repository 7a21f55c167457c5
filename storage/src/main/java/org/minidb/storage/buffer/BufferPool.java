package org.minidb.storage.buffer;

import org.minidb.storage.shmem.Backoff;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.SharedMemory;
import org.minidb.storage.shmem.ShmemWords;
import static org.minidb.storage.buffer.BufferDescriptors.DIRTY;
import static org.minidb.storage.buffer.BufferDescriptors.IO_IN_PROGRESS;
import static org.minidb.storage.buffer.BufferDescriptors.REFCOUNT_MASK;
import static org.minidb.storage.buffer.BufferDescriptors.TAG_VALID;
import static org.minidb.storage.buffer.BufferDescriptors.USAGE_SHIFT;
import static org.minidb.storage.buffer.BufferDescriptors.VALID;
import static org.minidb.storage.buffer.BufferDescriptors.refcount;
import static org.minidb.storage.buffer.BufferDescriptors.usage;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import org.minidb.common.error.DbException;
import org.minidb.storage.file.FileManager;
import org.minidb.storage.file.RelFileLocator;
import org.minidb.storage.file.RelationFile;
import org.minidb.storage.page.Page;
import org.minidb.storage.page.PageChecksum;
import org.minidb.storage.wal.PageRecord;
import org.minidb.storage.wal.ResourceManagers;
import org.minidb.storage.wal.Wal;

/**
 * The shared buffer pool (PostgreSQL's bufmgr): {@code nbuffers} 8 KiB frames, their descriptors and the
 * mapping table, all in the shared region; clock-sweep replacement. See this package's README for the pin
 * and latch rules. Buffers are identified by their index ({@code int buf}).
 *
 * <p>Every page write goes through {@link #flushBuffer}: the one place where pages are written, after the WAL
 * has been flushed up to the page's LSN (write-ahead rule). Without a {@link Wal} (unit tests of this layer)
 * nothing is logged.
 */
public final class BufferPool {
  private static final int HEADER = 64; // nextVictim u64

  private final FileManager files;
  private final Wal wal;
  private final int nbuffers;
  private final BufferDescriptors descs;
  private final BufferMapping mapping;
  private final MemorySegment header;
  private final MemorySegment frames;
  /** Per-process statistics (accelerators, not shared state). */
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  /** Bytes of shared memory needed for {@code nbuffers} buffers, in the order {@link #BufferPool} reserves. */
  public static long[] sharedSizes(int nbuffers) {
    return new long[] {HEADER, BufferDescriptors.size(nbuffers), BufferMapping.size(nbuffers),
        (long) nbuffers * Page.SIZE};
  }

  /** Reserves its parts of {@code shm}; the region must be freshly zeroed (creation) or initialized. */
  public BufferPool(SharedMemory shm, int nbuffers, FileManager files) { this(shm, nbuffers, files, null); }

  /** A pool whose page changes are WAL-logged ({@code wal} null: unlogged, for tests of lower layers). */
  public BufferPool(SharedMemory shm, int nbuffers, FileManager files, Wal wal) {
    this.wal = wal;
    if (nbuffers < 4) throw DbException.of("22023", "shared_buffers must be at least 32kB (4 buffers)");
    this.files = files;
    this.nbuffers = nbuffers;
    this.header = shm.reserve(HEADER);
    this.descs = new BufferDescriptors(shm.reserve(BufferDescriptors.size(nbuffers)), nbuffers);
    this.mapping = new BufferMapping(shm.reserve(BufferMapping.size(nbuffers)),
        BufferMapping.bucketCount(nbuffers), descs);
    this.frames = shm.reserve((long) nbuffers * Page.SIZE);
  }

  public int nbuffers() { return nbuffers; }

  /** The page of a pinned buffer. */
  public MemorySegment page(int buf) { return frames.asSlice((long) buf * Page.SIZE, Page.SIZE); }

  public long blockNumber(int buf) { return Integer.toUnsignedLong(descs.block(buf)); }

  /** The relation of a pinned buffer. */
  public RelFileLocator relationOf(int buf) { return new RelFileLocator(descs.dbOid(buf), descs.rel(buf)); }

  /** The WAL page changes are logged to, or null. */
  public Wal wal() { return wal; }

  /**
   * Recovery: pins the block, extending the file with zero blocks up to it if a crash lost its extension.
   * With {@code noRead} the page is not read (it is about to be overwritten by a full image or initialized),
   * so a torn page on disk is never checked against its checksum.
   */
  public int readBufferForRedo(RelFileLocator rel, long block, boolean noRead) {
    RelationFile file = files.file(rel);
    synchronized (file.extensionLock()) {
      while (file.nblocks() <= block) file.extend(null);
    }
    return bufferAlloc(rel, block, noRead);
  }

  /** Pins the buffer holding the block, reading it in if needed (the checksum is verified on read). */
  public int readBuffer(RelFileLocator rel, long block) { return bufferAlloc(rel, block, false); }

  /**
   * Extends the relation by one zero block and returns it pinned (contents all zero: the caller takes the
   * exclusive latch, initializes the page and marks it dirty).
   */
  public int extend(RelFileLocator rel) {
    RelationFile file = files.file(rel);
    synchronized (file.extensionLock()) {
      long block = file.extend(null);
      return bufferAlloc(rel, block, true);
    }
  }

  /** The length of the relation in blocks (RelationGetNumberOfBlocks). */
  public long nblocks(RelFileLocator rel) { return files.file(rel).nblocks(); }

  public void unpin(int buf) { descs.unpin(buf); }

  public void lockShared(int buf) { Latch.acquireShared(descs.seg, descs.latchOffset(buf)); }

  public void lockExclusive(int buf) { Latch.acquireExclusive(descs.seg, descs.latchOffset(buf)); }

  /** The exclusive content latch if free now, without waiting (PostgreSQL's ConditionalLockBuffer). */
  public boolean tryLockExclusive(int buf) { return Latch.tryAcquireExclusive(descs.seg, descs.latchOffset(buf)); }

  public void unlockContent(int buf) { Latch.release(descs.seg, descs.latchOffset(buf)); }

  /** Marks a buffer dirty after a change made under its exclusive content latch. */
  public void markDirty(int buf) {
    if (!Latch.heldExclusive(descs.seg, descs.latchOffset(buf))) {
      throw new IllegalStateException("markDirty without the exclusive content latch");
    }
    countDirtied(buf);
    descs.update(buf, st -> st | DIRTY);
  }

  /** EXPLAIN (BUFFERS): this backend makes a clean buffer dirty (a racing hint setter may count it too). */
  private void countDirtied(int buf) {
    if ((descs.state(buf) & DIRTY) == 0) BufferUsage.current().sharedDirtied++;
  }

  /**
   * Marks a buffer dirty after setting hint bits under a shared (or exclusive) content latch. Hint bits are
   * not WAL-logged, but pages carry checksums, so a torn write of a page changed only by hints must be
   * repairable: as PostgreSQL does with checksums (wal_log_hints), when a clean page is hinted for the first
   * time after a checkpoint's redo point, its whole image is logged first (XLOG/FPI_FOR_HINT).
   */
  public void markDirtyHint(int buf) {
    MemorySegment page = page(buf);
    countDirtied(buf);
    if (wal != null && (descs.state(buf) & DIRTY) == 0 && wal.needsFullPage(Page.lsn(page))) {
      RelFileLocator rel = relationOf(buf);
      long block = blockNumber(buf);
      long lsn = wal.insert(0, ResourceManagers.XLOG, ResourceManagers.XLOG_FPI_FOR_HINT,
          redo -> PageRecord.image(rel, block, page));
      long st = descs.lockHeader(buf); // the LSN moves forward only, under the header lock (shared latch only)
      if (Page.lsn(page) < lsn) Page.setLsn(page, lsn);
      descs.unlockHeader(buf, st | DIRTY);
      return;
    }
    descs.update(buf, st -> st | DIRTY);
  }

  private int bufferAlloc(RelFileLocator rel, long blockNo, boolean zero) {
    int db = rel.dbOid();
    long relNo = rel.relNumber();
    int block = (int) blockNo;
    int bucket = mapping.bucket(db, relNo, block);
    int part = BufferMapping.partition(bucket);
    for (int attempt = 0; attempt < 1_000_000; attempt++) {
      mapping.lockShared(part);
      int buf = mapping.lookup(bucket, db, relNo, block);
      if (buf >= 0) {
        descs.pin(buf);
        mapping.unlock(part);
        if (waitForIo(buf)) {
          BufferUsage.current().sharedHit++;
          return buf;
        }
        descs.unpin(buf);
        continue;
      }
      mapping.unlock(part);

      int victim = clockSweep();
      int result = retag(victim, db, relNo, block, bucket, part);
      if (result == -1) continue; // the victim was taken meanwhile; start over
      if (result != victim) { // someone else loaded the block meanwhile
        BufferUsage.current().sharedHit++;
        return result;
      }
      try {
        MemorySegment page = page(victim);
        if (zero) {
          page.fill((byte) 0);
        } else {
          files.file(rel).read(blockNo, page);
          PageChecksum.verify(page, blockNo, rel.path());
          reads.incrementAndGet();
          BufferUsage.current().sharedRead++;
        }
      } catch (RuntimeException e) {
        forget(victim, bucket, part);
        descs.unpin(victim);
        throw e;
      }
      long done = descs.lockHeader(victim);
      descs.unlockHeader(victim, (done | VALID) & ~IO_IN_PROGRESS);
      return victim;
    }
    throw DbException.internal("could not allocate a buffer for block " + blockNo + " of " + rel.path(), null);
  }

  /**
   * Gives the pinned victim the new tag. Returns the victim (now tagged, IO_IN_PROGRESS, pinned once), another
   * buffer already holding the tag (pinned, victim released), or -1 when the victim got pinned or dirtied
   * by someone else (victim released).
   */
  private int retag(int victim, int db, long relNo, int block, int bucket, int part) {
    if ((descs.state(victim) & DIRTY) != 0) {
      // Conditional: the caller may hold content latches (a B-tree split), and whoever latched the victim
      // after the sweep chose it may be waiting for one of them. Then another victim is chosen.
      if (!Latch.tryAcquireShared(descs.seg, descs.latchOffset(victim))) {
        descs.unpin(victim);
        return -1;
      }
      try {
        flushBuffer(victim);
      } catch (RuntimeException e) {
        unlockContent(victim);
        descs.unpin(victim);
        throw e;
      }
      unlockContent(victim);
    }
    // Our pin keeps the tag stable: only the one who pinned a buffer from zero (the sweep) retags it.
    boolean hadTag = (descs.state(victim) & TAG_VALID) != 0;
    int oldBucket = hadTag ? mapping.bucket(descs.dbOid(victim), descs.rel(victim), descs.block(victim)) : -1;
    int oldPart = hadTag ? BufferMapping.partition(oldBucket) : -1;
    lockPartitions(part, oldPart);
    try {
      int existing = mapping.lookup(bucket, db, relNo, block);
      if (existing >= 0) {
        descs.pin(existing);
        unlockPartitions(part, oldPart);
        descs.unpin(victim);
        if (waitForIo(existing)) return existing;
        descs.unpin(existing);
        return -1;
      }
      long st = descs.lockHeader(victim);
      if (refcount(st) != 1 || (st & DIRTY) != 0) {
        descs.unlockHeader(victim, st);
        unlockPartitions(part, oldPart);
        descs.unpin(victim);
        return -1;
      }
      if (hadTag) mapping.remove(oldBucket, victim);
      descs.setTag(victim, db, relNo, block);
      mapping.insert(bucket, victim);
      descs.unlockHeader(victim, (st & REFCOUNT_MASK) | (1L << USAGE_SHIFT) | TAG_VALID | IO_IN_PROGRESS);
    } catch (RuntimeException e) {
      unlockPartitions(part, oldPart);
      throw e;
    }
    unlockPartitions(part, oldPart);
    return victim;
  }

  private void lockPartitions(int a, int b) {
    if (b < 0 || a == b) {
      mapping.lockExclusive(a);
    } else {
      mapping.lockExclusive(Math.min(a, b));
      mapping.lockExclusive(Math.max(a, b));
    }
  }

  private void unlockPartitions(int a, int b) {
    mapping.unlock(a);
    if (b >= 0 && b != a) mapping.unlock(b);
  }

  /** Removes a buffer whose read failed from the mapping; waiters see it invalid and retry. */
  private void forget(int buf, int bucket, int part) {
    mapping.lockExclusive(part);
    long st = descs.lockHeader(buf);
    mapping.remove(bucket, buf);
    descs.unlockHeader(buf, st & ~(TAG_VALID | VALID | IO_IN_PROGRESS | DIRTY));
    mapping.unlock(part);
  }

  /** Waits until no read is in progress on the pinned buffer; true if it then holds a valid page. */
  private boolean waitForIo(int buf) {
    Backoff backoff = null;
    for (;;) {
      long st = descs.state(buf);
      if ((st & IO_IN_PROGRESS) == 0) return (st & VALID) != 0;
      if (backoff == null) backoff = new Backoff();
      backoff.pause();
    }
  }

  /** Clock sweep: returns an unpinned buffer with usage count zero, now pinned by the caller. */
  private int clockSweep() {
    int tries = nbuffers;
    for (;;) {
      int b = (int) Long.remainderUnsigned(ShmemWords.getAndAdd(header, 0, 1), nbuffers);
      long st = descs.lockHeader(b);
      if (refcount(st) == 0) {
        if (usage(st) > 0) {
          descs.unlockHeader(b, st - (1L << USAGE_SHIFT));
          tries = nbuffers;
        } else {
          descs.unlockHeader(b, st + 1);
          return b;
        }
      } else {
        descs.unlockHeader(b, st);
        if (--tries == 0) throw DbException.internal("no unpinned buffers available", null);
      }
    }
  }

  /**
   * Writes a dirty buffer out: THE one place where pages are written. Caller holds a pin and the content
   * latch (shared suffices: changes need the exclusive latch; hint bits set meanwhile re-dirty the buffer).
   * The checksum is computed on a private copy, since hint bits may change the frame during the write.
   */
  void flushBuffer(int buf) {
    long st = descs.lockHeader(buf);
    if ((st & DIRTY) == 0 || (st & VALID) == 0) {
      descs.unlockHeader(buf, st);
      return;
    }
    descs.unlockHeader(buf, st & ~DIRTY);
    MemorySegment copy = MemorySegment.ofArray(new byte[Page.SIZE]);
    MemorySegment.copy(page(buf), 0, copy, 0, Page.SIZE);
    long block = blockNumber(buf);
    RelFileLocator rel = new RelFileLocator(descs.dbOid(buf), descs.rel(buf));
    PageChecksum.set(copy, block);
    try {
      if (wal != null) wal.flush(Page.lsn(copy)); // write-ahead rule: the WAL first, up to the page's LSN
      files.file(rel).write(block, copy);
      writes.incrementAndGet();
      BufferUsage.current().sharedWritten++;
    } catch (RuntimeException e) {
      descs.update(buf, s -> s | DIRTY);
      throw e;
    }
  }

  /** Writes every dirty buffer and fsyncs the relation files. */
  public void flushAll() { flushAll(() -> {}); }

  /**
   * Writes every dirty buffer and fsyncs the relation files; {@code afterWrite} runs after each buffer written
   * (with no latch or pin held), so that a checkpoint can spread its writes over time.
   */
  public void flushAll(Runnable afterWrite) {
    for (int b = 0; b < nbuffers; b++) {
      if ((descs.state(b) & (DIRTY | VALID)) != (DIRTY | VALID)) continue;
      if (!pinIfValid(b)) continue;
      try {
        lockShared(b);
        try {
          flushBuffer(b);
        } finally {
          unlockContent(b);
        }
      } finally {
        descs.unpin(b);
      }
      afterWrite.run();
    }
    files.syncAll();
  }

  /** Number of buffers that are dirty now (a checkpoint's estimate of its work). */
  public int dirtyBuffers() {
    int n = 0;
    for (int b = 0; b < nbuffers; b++) if ((descs.state(b) & (DIRTY | VALID)) == (DIRTY | VALID)) n++;
    return n;
  }

  private boolean pinIfValid(int b) {
    long st = descs.lockHeader(b);
    if ((st & (VALID | TAG_VALID)) != (VALID | TAG_VALID)) {
      descs.unlockHeader(b, st);
      return false;
    }
    descs.unlockHeader(b, st + 1);
    return true;
  }

  /**
   * Drops the buffers of a relation's blocks from {@code fromBlock} on, without writing them (the relation is
   * being removed or truncated). No one may hold a pin on them.
   */
  public void dropRelation(RelFileLocator rel, long fromBlock) {
    long waitStart = System.nanoTime();
    for (int b = 0; b < nbuffers; b++) {
      if (descs.rel(b) != rel.relNumber() || descs.dbOid(b) != rel.dbOid()) continue; // racy pre-check
      int db = descs.dbOid(b);
      int block = descs.block(b);
      int bucket = mapping.bucket(db, rel.relNumber(), block);
      int part = BufferMapping.partition(bucket);
      mapping.lockExclusive(part);
      try {
        long st = descs.lockHeader(b);
        if ((st & TAG_VALID) == 0 || !descs.tagEquals(b, db, rel.relNumber(), block)
            || Integer.toUnsignedLong(block) < fromBlock) {
          descs.unlockHeader(b, st);
          continue;
        }
        if (refcount(st) != 0) {
          // A checkpoint writing the page pins it for the write; wait for it (bounded), then retry this buffer.
          descs.unlockHeader(b, st);
          if (System.nanoTime() - waitStart > DROP_PIN_WAIT_NANOS) {
            throw DbException.internal("buffer of block " + block + " of " + rel.path() + " is still pinned", null);
          }
          Thread.onSpinWait();
          Thread.yield();
          b--;
          continue;
        }
        mapping.remove(bucket, b);
        descs.unlockHeader(b, st & ~(TAG_VALID | VALID | DIRTY | IO_IN_PROGRESS | BufferDescriptors.USAGE_MASK));
      } finally {
        mapping.unlock(part);
      }
    }
  }

  private static final long DROP_PIN_WAIT_NANOS = 10_000_000_000L;

  /** Number of buffers pinned by anyone (tests check for leaked pins). */
  public int pinnedBuffers() {
    int n = 0;
    for (int b = 0; b < nbuffers; b++) if (refcount(descs.state(b)) > 0) n++;
    return n;
  }

  /** Pages read from disk by this process. */
  public long reads() { return reads.get(); }

  /** Pages written to disk by this process. */
  public long writes() { return writes.get(); }
}
