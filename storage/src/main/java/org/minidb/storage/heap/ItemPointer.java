package org.minidb.storage.heap;

/** Tuple ids: {@code (block << 16) | offsetNumber}, offset numbers 1-based (PostgreSQL's ItemPointer). */
public final class ItemPointer {
  private ItemPointer() {}

  public static long of(long block, int offsetNumber) { return (block << 16) | offsetNumber; }

  public static long block(long tid) { return tid >>> 16; }

  public static int offsetNumber(long tid) { return (int) (tid & 0xffff); }

  public static String toString(long tid) { return "(" + block(tid) + "," + offsetNumber(tid) + ")"; }
}
