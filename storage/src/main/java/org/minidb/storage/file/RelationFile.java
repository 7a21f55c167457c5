package org.minidb.storage.file;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The open file of one relation (PostgreSQL's md.c for one fork): a sequence of 8 KiB blocks. Block reads
 * and writes are positional, so several threads may use one file at once; extension is serialized by the
 * caller through {@link #extensionLock()} (an on-heap lock: process mode will need a shared one).
 *
 * <p>Invariant: the file size is always a multiple of {@link #BLOCK_SIZE}; a block exists on disk once
 * extended (extension writes a zero block), so {@link #nblocks()} is the relation's length.
 */
public final class RelationFile implements AutoCloseable {
  public static final int BLOCK_SIZE = 8192;

  private final RelFileLocator locator;
  private final Path path;
  private final FileChannel channel;
  private final Object extensionLock = new Object();
  /** Cached length in blocks; this process is the only one that extends (thread mode). */
  private volatile long nblocks;

  RelationFile(RelFileLocator locator, Path path, boolean create) {
    this.locator = locator;
    this.path = path;
    try {
      this.channel = create
          ? FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
          : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long size = channel.size();
      this.nblocks = size / BLOCK_SIZE;
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not open file \"" + locator.path() + "\": " + e.getMessage(), e);
    }
  }

  public RelFileLocator locator() { return locator; }

  public long nblocks() { return nblocks; }

  public Object extensionLock() { return extensionLock; }

  /** Reads block {@code block} into {@code dst} (8 KiB). */
  public void read(long block, MemorySegment dst) {
    ByteBuffer bb = dst.asSlice(0, BLOCK_SIZE).asByteBuffer();
    long pos = block * BLOCK_SIZE;
    try {
      while (bb.hasRemaining()) {
        int n = channel.read(bb, pos + bb.position());
        if (n < 0) {
          throw DbException.of(SqlState.DATA_CORRUPTED, "could not read block " + block + " in file \""
              + locator.path() + "\": read only " + bb.position() + " of " + BLOCK_SIZE + " bytes");
        }
      }
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR,
          "could not read block " + block + " in file \"" + locator.path() + "\": " + e.getMessage(), e);
    }
  }

  /** Writes an existing block. */
  public void write(long block, MemorySegment src) {
    if (block >= nblocks) throw DbException.internal("write beyond end of " + locator.path() + ": block " + block, null);
    writeAt(block, src);
  }

  /**
   * Appends block number {@code nblocks()} with the given content (zeros when null) and returns its number.
   * The caller holds {@link #extensionLock()}.
   */
  public long extend(MemorySegment content) {
    long block = nblocks;
    writeAt(block, content == null ? MemorySegment.ofArray(new byte[BLOCK_SIZE]) : content);
    nblocks = block + 1;
    return block;
  }

  /** Cuts the file to {@code blocks} blocks (the buffers of the cut blocks must have been dropped). */
  public void truncate(long blocks) {
    synchronized (extensionLock) {
      try {
        channel.truncate(blocks * BLOCK_SIZE);
        nblocks = Math.min(nblocks, blocks);
      } catch (IOException e) {
        throw DbException.of(SqlState.IO_ERROR, "could not truncate file \"" + locator.path() + "\": " + e.getMessage(), e);
      }
    }
  }

  public void sync() {
    try {
      channel.force(true);
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not fsync file \"" + locator.path() + "\": " + e.getMessage(), e);
    }
  }

  private void writeAt(long block, MemorySegment src) {
    ByteBuffer bb = src.asSlice(0, BLOCK_SIZE).asByteBuffer();
    long pos = block * BLOCK_SIZE;
    try {
      while (bb.hasRemaining()) channel.write(bb, pos + bb.position());
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR,
          "could not write block " + block + " in file \"" + locator.path() + "\": " + e.getMessage(), e);
    }
  }

  Path path() { return path; }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw DbException.of(SqlState.IO_ERROR, "could not close file \"" + locator.path() + "\": " + e.getMessage(), e);
    }
  }
}
