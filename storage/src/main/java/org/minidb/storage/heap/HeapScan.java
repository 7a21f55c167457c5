package org.minidb.storage.heap;

/**
 * A forward scan over the tuple versions of a heap visible to a snapshot. Usage:
 * {@code while (scan.next()) { use scan.tid(), scan.tuple() }}, then {@code close()}.
 * The tuple bytes are a copy owned by the caller (the page is not kept pinned between calls).
 */
public interface HeapScan extends AutoCloseable {
  boolean next();

  /** The current tuple's id: (block number &lt;&lt; 16) | line pointer number. */
  long tid();

  /** The current tuple's data (the row encoding, without the tuple header). */
  byte[] tuple();

  @Override
  void close();
}
