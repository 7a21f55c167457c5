package org.minidb.executor.exec;

import org.minidb.executor.plan.IndexScanNode;
import org.minidb.storage.tx.LockMode;

/**
 * Index Scan: returns the visible tuples the index range ({@link IndexRange}) points at that pass the re-checked
 * condition. Each open() evaluates the range again, so a re-open is a rescan with the executor parameters' new
 * values.
 */
final class IndexScanOperator implements Operator {
  private final IndexScanNode node;
  private final ExecContext ctx;
  private final ScanRows rows;
  private boolean empty;
  /** The key ranges of this execution (several for an IN list), and the index of the next one to scan. */
  private java.util.List<IndexRange> ranges = java.util.List.of();
  private int nextRange;

  IndexScanOperator(IndexScanNode node, ExecContext ctx) {
    this.node = node;
    this.ctx = ctx;
    this.rows = new ScanRows(node.table(), node.withTid(), null, node.filter(), ctx);
  }

  @Override
  public void open() {
    rows.close(); // a rescan (the inner side of a parameterized Nested Loop) ends the previous loop's scan
    ranges = java.util.List.of();
    nextRange = 0;
    empty = false;
    if (rows.takeSubstitute()) return;
    RelationLocks.lock(ctx, node.table(), LockMode.ACCESS_SHARE);
    ranges = IndexRange.of(node, ctx);
    nextRange = 0;
    empty = !startNextRange();
  }

  /** Starts the scan of the next range; false when there is none. */
  private boolean startNextRange() {
    if (nextRange >= ranges.size()) return false;
    IndexRange range = ranges.get(nextRange++);
    rows.close();
    rows.start(ctx.storage().indexScan(node.table(), node.index(), range.lower(), range.lowerInclusive(),
        range.upper(), range.upperInclusive(), ctx.snapshot(), node.backward()));
    return true;
  }

  @Override
  public Object[] next() {
    if (empty) return null;
    while (true) {
      Object[] row = rows.next();
      if (row != null || !startNextRange()) return row;
    }
  }

  @Override
  public void close() { rows.close(); }
}
