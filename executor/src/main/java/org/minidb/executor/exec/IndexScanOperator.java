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

  IndexScanOperator(IndexScanNode node, ExecContext ctx) {
    this.node = node;
    this.ctx = ctx;
    this.rows = new ScanRows(node.table(), node.withTid(), null, node.filter(), ctx);
  }

  @Override
  public void open() {
    rows.close(); // a rescan (the inner side of a parameterized Nested Loop) ends the previous loop's scan
    if (rows.takeSubstitute()) return;
    RelationLocks.lock(ctx, node.table(), LockMode.ACCESS_SHARE);
    IndexRange range = IndexRange.of(node, ctx);
    empty = range == null;
    if (empty) return;
    rows.start(ctx.storage().indexScan(node.table(), node.index(), range.lower(), range.lowerInclusive(),
        range.upper(), range.upperInclusive(), ctx.snapshot()));
  }

  @Override
  public Object[] next() { return empty ? null : rows.next(); }

  @Override
  public void close() { rows.close(); }
}
