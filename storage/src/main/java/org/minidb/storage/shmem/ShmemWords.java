package org.minidb.storage.shmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/** Atomic access to aligned 8-byte and 4-byte words of shared memory (counters, state words). */
public final class ShmemWords {
  private ShmemWords() {}

  private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
  private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

  public static long get(MemorySegment s, long off) { return (long) LONG.getVolatile(s, off); }

  public static void set(MemorySegment s, long off, long v) { LONG.setVolatile(s, off, v); }

  public static boolean cas(MemorySegment s, long off, long expected, long value) {
    return LONG.compareAndSet(s, off, expected, value);
  }

  public static long getAndAdd(MemorySegment s, long off, long delta) { return (long) LONG.getAndAdd(s, off, delta); }

  public static int getInt(MemorySegment s, long off) { return (int) INT.getVolatile(s, off); }

  public static void setInt(MemorySegment s, long off, int v) { INT.setVolatile(s, off, v); }
}
