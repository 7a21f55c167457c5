package org.minidb.executor.spill;

import java.math.BigDecimal;

/**
 * Rough heap sizes of rows, what sorts and hash tables count against {@code work_mem} (PostgreSQL counts
 * palloc'd tuple sizes). The figures are those of a 64-bit JVM with compressed references: object header 12
 * bytes, 8-byte alignment. Estimates, not measurements: they only need to grow with the real footprint.
 */
public final class RowMemory {
  /** A reference in an array or a field. */
  static final int REFERENCE = 4;
  /** A java.util hash map entry plus its table slot (HashMap.Node: header, hash, key, value, next). */
  public static final int HASH_ENTRY = 32 + REFERENCE;

  private RowMemory() {}

  /** The row array and the values it references. */
  public static long of(Object[] row) {
    long size = align(16 + (long) REFERENCE * row.length);
    for (Object v : row) size += of(v);
    return size;
  }

  /** One value (0 for null). Boxed small values may be cached by the JVM; counting them anyway errs high. */
  public static long of(Object v) {
    return switch (v) {
      case null -> 0;
      case Boolean b -> 0; // the two Boolean instances are shared
      case Short s -> 16;
      case Integer i -> 16;
      case Float f -> 16;
      case Long l -> 24;
      case Double d -> 24;
      case String s -> 24 + align(16 + s.length()); // compact (Latin-1) strings; UTF-16 ones are bigger
      // up to 18 digits the value is a long inside the BigDecimal; beyond, a BigInteger with an int array
      case BigDecimal d -> 40 + (d.precision() <= 18 ? 0 : 24 + align(16 + d.precision() / 2));
      case byte[] b -> align(16 + b.length);
      default -> 32;
    };
  }

  private static long align(long n) {
    return (n + 7) & ~7L;
  }
}
