package org.minidb.executor.exec;

import org.minidb.executor.plan.SeqScanNode;
import org.minidb.storage.tx.LockMode;

/** Seq Scan: decodes each visible tuple (the wanted columns of it) into one reused row, appends the tid if asked, applies the filter. */
final class SeqScanOperator implements Operator {
  private final SeqScanNode node;
  private final ExecContext ctx;
  private final ScanRows rows;

  /**
   * @param wanted null to decode every column, else a flag per column: the unwanted ones are not decoded and
   *     come out as null (the consumer never reads them)
   */
  SeqScanOperator(SeqScanNode node, ExecContext ctx, boolean[] wanted) {
    this.node = node;
    this.ctx = ctx;
    this.rows = new ScanRows(node.table(), node.withTid(), wanted, node.filter(), ctx);
  }

  @Override
  public void open() {
    if (rows.takeSubstitute()) return;
    RelationLocks.lock(ctx, node.table(), LockMode.ACCESS_SHARE);
    rows.start(ctx.storage().heap(node.table()).scan(ctx.snapshot(), ctx.transaction()));
  }

  @Override
  public Object[] next() { return rows.next(); }

  @Override
  public void close() { rows.close(); }
}
