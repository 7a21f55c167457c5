package org.minidb.executor.exec;

import org.minidb.executor.exec.instrument.OperatorUsage;
import org.minidb.executor.plan.IndexOnlyScanNode;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.storage.index.IndexKeys;
import org.minidb.storage.index.IndexOnlyScan;
import org.minidb.storage.tx.LockMode;

/**
 * Index Only Scan: the key values of the visible entries in the range, placed at their columns of a row of the
 * table's width (the other columns stay null), kept if they pass the re-checked condition.
 */
final class IndexOnlyScanOperator implements Operator, OperatorUsage.Reporting {
  private final IndexScanNode node;
  private final ExecContext ctx;
  private final int[] keyColumns;
  private final Object[] row;
  private IndexOnlyScan scan;
  /** Heap fetches of the scans of earlier loops (a rescan opens a new one). */
  private long earlierHeapFetches;
  /** The key ranges of this execution, and the index of the next one to scan. */
  private java.util.List<IndexRange> ranges = java.util.List.of();
  private int nextRange;

  IndexOnlyScanOperator(IndexOnlyScanNode node, ExecContext ctx) {
    this.node = node.scan();
    this.ctx = ctx;
    this.keyColumns = new IndexKeys(this.node.table(), this.node.index()).columns();
    this.row = new Object[this.node.table().columns().size()];
  }

  @Override
  public void open() {
    if (scan != null) {
      earlierHeapFetches += scan.heapFetches();
      scan.close();
    }
    scan = null;
    RelationLocks.lock(ctx, node.table(), LockMode.ACCESS_SHARE);
    ranges = IndexRange.of(node, ctx);
    nextRange = 0;
    startNextRange();
  }

  /** Starts the scan of the next range (several for an IN list); false when there is none. */
  private boolean startNextRange() {
    if (nextRange >= ranges.size()) return false;
    IndexRange range = ranges.get(nextRange++);
    if (scan != null) {
      earlierHeapFetches += scan.heapFetches();
      scan.close();
    }
    scan = ctx.storage().indexOnlyScan(node.table(), node.index(), range.lower(), range.lowerInclusive(),
        range.upper(), range.upperInclusive(), ctx.snapshot(), node.backward());
    return true;
  }

  @Override
  public Object[] next() {
    if (scan == null) return null;
    do {
      while (scan.next()) {
        ctx.checkForInterrupts();
        Object[] values = scan.values();
        for (int i = 0; i < keyColumns.length; i++) row[keyColumns[i]] = values[i];
        if (node.filter() == null || Boolean.TRUE.equals(node.filter().eval(row, ctx))) return row;
      }
    } while (startNextRange());
    return null;
  }

  /** How many entries needed a visit to the heap, over all loops (EXPLAIN ANALYZE's Heap Fetches). */
  @Override
  public OperatorUsage usage() {
    return new OperatorUsage.HeapFetches(earlierHeapFetches + (scan == null ? 0 : scan.heapFetches()));
  }

  @Override
  public void close() {
    if (scan != null) scan.close(); // kept (closed) for its count until the next open
  }
}
