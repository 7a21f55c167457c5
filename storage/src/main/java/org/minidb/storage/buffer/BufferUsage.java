package org.minidb.storage.buffer;

/**
 * PostgreSQL's BufferUsage: what one backend did with shared buffers, for EXPLAIN (BUFFERS). One object per
 * thread (a backend runs its statements on one thread), so the counters are plain longs bumped without
 * synchronization; the buffer pool touches them once per buffer access, never per row. A reader (EXPLAIN's
 * instrumentation) takes differences of {@link #current()} before and after the work it measures.
 *
 * <p>hit: a requested block was in the pool; read: it had to be read from its file; dirtied: a clean buffer
 * was made dirty; written: a dirty buffer was written out by this thread (to evict it, or at a checkpoint).
 */
public final class BufferUsage {
  private static final ThreadLocal<BufferUsage> CURRENT = ThreadLocal.withInitial(BufferUsage::new);

  public long sharedHit;
  public long sharedRead;
  public long sharedDirtied;
  public long sharedWritten;

  /** The counters of the calling thread. */
  public static BufferUsage current() { return CURRENT.get(); }
}
