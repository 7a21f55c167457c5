package org.minidb.storage.buffer;

import org.minidb.storage.shmem.Backoff;
import org.minidb.storage.shmem.Latch;
import org.minidb.storage.shmem.ShmemWords;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The array of buffer descriptors in shared memory (PostgreSQL's BufferDesc), 64 bytes each:
 *
 * <pre>
 * 0  state  u64  refcount (bits 0..23) | usage count (24..27) | flags (LOCKED, DIRTY, VALID, TAG_VALID,
 *                IO_IN_PROGRESS)
 * 8  latch  u64  the page's content latch (see {@link Latch})
 * 16 dbOid  u32  tag: database (0 = global)
 * 20 block  u32  tag: block number
 * 24 rel    u64  tag: relfilenode
 * 32 next   u32  next buffer in the mapping bucket's chain, plus one (0 ends the chain)
 * </pre>
 *
 * The LOCKED bit is the buffer header spinlock: the tag and the flags change only while it is held (and the
 * tag additionally only while the mapping partition is latched exclusively). Pin and unpin change the state
 * word by compare-and-set while the header is not locked.
 */
final class BufferDescriptors {
  static final int DESC_SIZE = 64;
  static final long REFCOUNT_MASK = (1L << 24) - 1;
  static final int USAGE_SHIFT = 24;
  static final long USAGE_MASK = 0xfL << USAGE_SHIFT;
  static final int MAX_USAGE = 5;
  static final long LOCKED = 1L << 32;
  static final long DIRTY = 1L << 33;
  static final long VALID = 1L << 34;
  static final long TAG_VALID = 1L << 35;
  static final long IO_IN_PROGRESS = 1L << 36;

  static final int OFF_STATE = 0;
  static final int OFF_LATCH = 8;
  static final int OFF_DB = 16;
  static final int OFF_BLOCK = 20;
  static final int OFF_REL = 24;
  static final int OFF_NEXT = 32;

  final MemorySegment seg;
  final int nbuffers;

  BufferDescriptors(MemorySegment seg, int nbuffers) {
    this.seg = seg;
    this.nbuffers = nbuffers;
  }

  static long size(int nbuffers) { return (long) nbuffers * DESC_SIZE; }

  static long base(int buf) { return (long) buf * DESC_SIZE; }

  long state(int buf) { return ShmemWords.get(seg, base(buf) + OFF_STATE); }

  static int refcount(long state) { return (int) (state & REFCOUNT_MASK); }

  static int usage(long state) { return (int) ((state & USAGE_MASK) >>> USAGE_SHIFT); }

  long latchOffset(int buf) { return base(buf) + OFF_LATCH; }

  /** Takes the header spinlock; returns the state (without LOCKED) to be passed on to {@link #unlockHeader}. */
  long lockHeader(int buf) {
    long off = base(buf) + OFF_STATE;
    Backoff backoff = null;
    for (;;) {
      long st = ShmemWords.get(seg, off);
      if ((st & LOCKED) == 0 && ShmemWords.cas(seg, off, st, st | LOCKED)) return st;
      if (backoff == null) backoff = new Backoff();
      backoff.pause();
    }
  }

  /** Releases the header spinlock, installing {@code newState}. */
  void unlockHeader(int buf, long newState) { ShmemWords.set(seg, base(buf) + OFF_STATE, newState & ~LOCKED); }

  /** Applies {@code change} to the state by compare-and-set, waiting while the header is locked. */
  long update(int buf, java.util.function.LongUnaryOperator change) {
    long off = base(buf) + OFF_STATE;
    Backoff backoff = null;
    for (;;) {
      long st = ShmemWords.get(seg, off);
      if ((st & LOCKED) == 0) {
        long n = change.applyAsLong(st);
        if (ShmemWords.cas(seg, off, st, n)) return n;
      }
      if (backoff == null) backoff = new Backoff();
      backoff.pause();
    }
  }

  /** Adds a pin and bumps the usage count (up to MAX_USAGE). */
  void pin(int buf) {
    update(buf, st -> {
      long n = st + 1;
      if (usage(st) < MAX_USAGE) n += 1L << USAGE_SHIFT;
      return n;
    });
  }

  void unpin(int buf) {
    update(buf, st -> {
      if (refcount(st) == 0) throw new IllegalStateException("buffer " + buf + " unpinned but not pinned");
      return st - 1;
    });
  }

  int dbOid(int buf) { return seg.get(ValueLayout.JAVA_INT, base(buf) + OFF_DB); }

  int block(int buf) { return seg.get(ValueLayout.JAVA_INT, base(buf) + OFF_BLOCK); }

  long rel(int buf) { return seg.get(ValueLayout.JAVA_LONG, base(buf) + OFF_REL); }

  boolean tagEquals(int buf, int db, long rel, int block) {
    return block(buf) == block && rel(buf) == rel && dbOid(buf) == db;
  }

  void setTag(int buf, int db, long rel, int block) {
    seg.set(ValueLayout.JAVA_INT, base(buf) + OFF_DB, db);
    seg.set(ValueLayout.JAVA_INT, base(buf) + OFF_BLOCK, block);
    seg.set(ValueLayout.JAVA_LONG, base(buf) + OFF_REL, rel);
  }

  int next(int buf) { return seg.get(ValueLayout.JAVA_INT, base(buf) + OFF_NEXT); }

  void setNext(int buf, int nextPlusOne) { seg.set(ValueLayout.JAVA_INT, base(buf) + OFF_NEXT, nextPlusOne); }
}
