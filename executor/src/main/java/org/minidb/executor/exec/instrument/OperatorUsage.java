package org.minidb.executor.exec.instrument;

/**
 * What EXPLAIN ANALYZE shows of an operator's memory and disk use beyond rows and times: PostgreSQL's
 * {@code Sort Method:} line, a Hash node's {@code Buckets: ... Batches: ... Memory Usage:} line and an Index Only
 * Scan's {@code Heap Fetches:}.
 */
public sealed interface OperatorUsage {
  /**
   * A sort: {@code method} is PostgreSQL's name ({@code quicksort}, {@code top-N heapsort}, {@code external
   * merge}); {@code disk} says whether {@code kilobytes} is disk (temporary files) or memory.
   */
  record Sort(String method, boolean disk, long kilobytes) implements OperatorUsage {}

  /**
   * A hash join's table: its bucket count, the number of batches it was split into (1: it fit in work_mem),
   * and the peak memory of the table in kilobytes.
   */
  record Hash(long buckets, long batches, long kilobytes) implements OperatorUsage {}

  /** An index-only scan: the entries whose page was not all-visible, so the heap was visited (all loops). */
  record HeapFetches(long count) implements OperatorUsage {}

  /**
   * A hash aggregate: the batches it ran (1: all groups fit in work_mem; each spilled partition aggregated later
   * is one more), the peak memory of a table and the bytes written to temporary files, in kilobytes.
   */
  record HashAgg(long batches, long memoryKilobytes, long diskKilobytes) implements OperatorUsage {}

  /** An operator that can tell its usage once it has run (asked after its last call, before close). */
  interface Reporting {
    OperatorUsage usage();
  }

  /** Kilobytes as PostgreSQL rounds them up ({@code (bytes + 1023) / 1024}). */
  static long kilobytes(long bytes) { return (bytes + 1023) / 1024; }
}
