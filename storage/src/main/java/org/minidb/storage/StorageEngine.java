package org.minidb.storage;

import org.minidb.storage.catalog.Catalog;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.HeapStatistics;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.TransactionManager;

/**
 * The storage of one data directory: files, buffer pool, transactions, heaps and the catalog. Opened once
 * per server; every backend uses the same instance (thread mode) or one attached to the same shared memory
 * (process mode, later).
 */
public interface StorageEngine extends AutoCloseable {
  Catalog catalog();

  TransactionManager transactions();

  /** The heap of a table. */
  HeapRelation heap(TableDef table);

  /**
   * An index scan: the tuples of {@code table} visible to {@code snapshot} whose key in {@code index} lies between
   * the bounds (KeyCodec key prefixes, null for unbounded), in index order.
   */
  default HeapScan indexScan(TableDef table, IndexDef index, byte[] lower, boolean lowerInclusive, byte[] upper,
      boolean upperInclusive, Snapshot snapshot) {
    throw new UnsupportedOperationException("this storage has no indexes");
  }

  /** As {@link #indexScan}, in descending index order when {@code backward} (Index Scan Backward). */
  default HeapScan indexScan(TableDef table, IndexDef index, byte[] lower, boolean lowerInclusive, byte[] upper,
      boolean upperInclusive, Snapshot snapshot, boolean backward) {
    if (backward) throw new UnsupportedOperationException("this storage has no backward index scans");
    return indexScan(table, index, lower, lowerInclusive, upper, upperInclusive, snapshot);
  }

  /** An index-only scan over the same range as {@link #indexScan}: key values, the heap visited only when needed. */
  default org.minidb.storage.index.IndexOnlyScan indexOnlyScan(TableDef table, IndexDef index, byte[] lower,
      boolean lowerInclusive, byte[] upper, boolean upperInclusive, Snapshot snapshot) {
    return indexOnlyScan(table, index, lower, lowerInclusive, upper, upperInclusive, snapshot, false);
  }

  /** As {@link #indexOnlyScan}, in descending index order when {@code backward}. */
  default org.minidb.storage.index.IndexOnlyScan indexOnlyScan(TableDef table, IndexDef index, byte[] lower,
      boolean lowerInclusive, byte[] upper, boolean upperInclusive, Snapshot snapshot, boolean backward) {
    throw new UnsupportedOperationException("this storage has no indexes");
  }

  /**
   * amcheck's bt_index_check: verifies {@code index}'s structure and, with {@code heapAllIndexed}, that every
   * tuple of {@code table} visible to {@code snapshot} has its entry; fails with XX002 on the first fault.
   */
  default org.minidb.storage.index.IndexCheck.Result checkIndex(TableDef table, IndexDef index,
      boolean heapAllIndexed, Snapshot snapshot) {
    throw new UnsupportedOperationException("this storage has no indexes");
  }

  /** Number of pages of {@code index}'s file, its metapage included (pg_relation_size of an index). */
  default long indexPageCount(IndexDef index) {
    throw new UnsupportedOperationException("this storage has no indexes");
  }

  /**
   * The value a TOAST pointer (read from a version the caller may see) stands for: its chunks fetched, inflated,
   * and made a value of {@code type}.
   */
  default Object detoast(org.minidb.common.types.PgType type, org.minidb.common.encoding.ToastPointer pointer) {
    throw new UnsupportedOperationException("this storage has no TOAST relations");
  }

  /** The activity counters of a relation: autovacuum's input, and the pg_stat functions' figures. */
  HeapStatistics statistics(long relOid);

  /**
   * Installs what evaluates the expressions and predicates of indexes (the SQL layer, which storage may not
   * depend on); until then an index that has some cannot be written or checked.
   */
  default void setIndexExpressions(org.minidb.storage.index.IndexExpressions.Compiler compiler) {}

  /** Writes every dirty page and fsyncs the files. */
  void flush();

  /**
   * The CHECKPOINT command: an immediate checkpoint (a spread one in progress finishes at full speed first),
   * WAL before its redo point removed.
   */
  default void checkpoint() { flush(); }

  /** The current WAL write position (pg_current_wal_lsn), as a byte position; 0 when there is no WAL. */
  default long currentWalLsn() { return 0; }

  /** Everything below is durable (pg_current_wal_flush_lsn); 0 when there is no WAL. */
  default long currentWalFlushLsn() { return 0; }

  /** Flushes and releases the shared memory; the data directory stays as it is. */
  @Override
  void close();
}
