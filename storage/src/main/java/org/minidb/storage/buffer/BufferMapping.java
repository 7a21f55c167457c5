package org.minidb.storage.buffer;

import org.minidb.storage.shmem.Latch;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The buffer mapping table (tag -> buffer), in shared memory: an array of bucket heads, each the first
 * buffer of a chain linked through the descriptors' {@code next} field (a buffer holds at most one tag, so
 * it is its own hash entry). Buckets are grouped into {@link #PARTITIONS} partitions, each with a latch:
 * shared to look up, exclusive to insert or remove. Lock order: lower partition number first.
 */
final class BufferMapping {
  static final int PARTITIONS = 16;

  private final MemorySegment buckets;
  private final MemorySegment latches;
  private final int mask;
  private final BufferDescriptors descs;

  BufferMapping(MemorySegment seg, int nbuckets, BufferDescriptors descs) {
    this.latches = seg.asSlice(0, PARTITIONS * 8L);
    this.buckets = seg.asSlice(PARTITIONS * 8L, nbuckets * 4L);
    this.mask = nbuckets - 1;
    this.descs = descs;
  }

  static int bucketCount(int nbuffers) {
    int n = Math.max(PARTITIONS, Integer.highestOneBit(Math.max(1, nbuffers)) * 2);
    return n;
  }

  static long size(int nbuffers) { return PARTITIONS * 8L + bucketCount(nbuffers) * 4L; }

  int bucket(int db, long rel, int block) {
    long h = rel * 0x9E3779B97F4A7C15L + db * 0xC2B2AE3D27D4EB4FL + (block & 0xffffffffL) * 0x165667B19E3779F9L;
    h ^= h >>> 29;
    return (int) h & mask;
  }

  static int partition(int bucket) { return bucket & (PARTITIONS - 1); }

  void lockShared(int partition) { Latch.acquireShared(latches, partition * 8L); }

  void lockExclusive(int partition) { Latch.acquireExclusive(latches, partition * 8L); }

  void unlock(int partition) { Latch.release(latches, partition * 8L); }

  /** The buffer holding the tag, or -1. Caller holds the bucket's partition latch. */
  int lookup(int bucket, int db, long rel, int block) {
    int b = buckets.get(ValueLayout.JAVA_INT, bucket * 4L) - 1;
    while (b >= 0) {
      if (descs.tagEquals(b, db, rel, block)) return b;
      b = descs.next(b) - 1;
    }
    return -1;
  }

  /** Caller holds the partition latch exclusively. */
  void insert(int bucket, int buf) {
    descs.setNext(buf, buckets.get(ValueLayout.JAVA_INT, bucket * 4L));
    buckets.set(ValueLayout.JAVA_INT, bucket * 4L, buf + 1);
  }

  /** Caller holds the partition latch exclusively. */
  void remove(int bucket, int buf) {
    int prev = -1;
    int b = buckets.get(ValueLayout.JAVA_INT, bucket * 4L) - 1;
    while (b >= 0) {
      if (b == buf) {
        if (prev < 0) buckets.set(ValueLayout.JAVA_INT, bucket * 4L, descs.next(b));
        else descs.setNext(prev, descs.next(b));
        descs.setNext(b, 0);
        return;
      }
      prev = b;
      b = descs.next(b) - 1;
    }
    throw new IllegalStateException("buffer " + buf + " not in mapping bucket " + bucket);
  }
}
