package org.minidb.executor.spill;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows split by hash into temporary files, one per partition: what hash aggregation and hash joins write
 * when their table outgrows work_mem (PostgreSQL's hash agg spill partitions and hash join batches). The
 * partition of a row depends on its key's hash and on the recursion {@code level}, so that a partition that is
 * split again spreads over new partitions instead of landing in one. Files are created on first use.
 *
 * <p>{@link #finish()} hands the files over to the caller; {@link #close()} deletes those not handed over.
 */
public final class HashPartitions implements AutoCloseable {
  private final TempFileSpace space;
  private final int level;
  private final SpillFile[] files;

  /**
   * @param count number of partitions, a power of two
   * @param level 0 for the first split, one more for each re-split of a partition
   */
  public HashPartitions(TempFileSpace space, int count, int level) {
    if (Integer.bitCount(count) != 1) throw new IllegalArgumentException("partition count " + count);
    this.space = space;
    this.level = level;
    this.files = new SpillFile[count];
  }

  public int count() { return files.length; }

  public int level() { return level; }

  /** The partition of a key hash (its Java hashCode) at this level. */
  public int partitionOf(int hash) {
    return mix(hash, level) & (files.length - 1);
  }

  /** Writes a row to the partition of {@code hash}. */
  public void write(int hash, Object[] row) {
    int p = partitionOf(hash);
    SpillFile f = files[p];
    if (f == null) files[p] = f = space.create();
    f.write(row);
  }

  /** Whether partition {@code p} has received rows. */
  public boolean used(int p) { return files[p] != null; }

  /**
   * Ends writing and hands the files over, index = partition, null where no row went. The caller closes them.
   */
  public List<SpillFile> finish() {
    List<SpillFile> out = new ArrayList<>(files.length);
    for (int i = 0; i < files.length; i++) {
      if (files[i] != null) files[i].finishWriting();
      out.add(files[i]);
      files[i] = null;
    }
    return out;
  }

  /** Deletes the files not handed over by {@link #finish()}. */
  @Override
  public void close() {
    List<SpillFile> left = new ArrayList<>(java.util.Arrays.asList(files));
    java.util.Arrays.fill(files, null);
    SpillFile.closeAll(left);
  }

  /**
   * A hash of {@code hash} salted by the level (murmur3's 32-bit finalizer): Java's hash codes are weak in
   * their low bits (Integer's is the value), and each level must split the rows differently.
   */
  static int mix(int hash, int level) {
    int h = hash ^ (level * 0x9E3779B9);
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }
}
