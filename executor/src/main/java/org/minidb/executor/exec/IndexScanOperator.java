package org.minidb.executor.exec;

import org.minidb.common.encoding.KeyCodec;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.storage.index.IndexKeys;
import org.minidb.storage.tx.LockMode;

/**
 * Index Scan: evaluates the range bounds once (they are constants or parameters), encodes them as key prefixes,
 * and returns the visible tuples the index range points at that pass the re-checked condition.
 */
final class IndexScanOperator implements Operator {
  private static final Object[] NO_ROW = new Object[0];

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
    if (rows.takeSubstitute()) return;
    RelationLocks.lock(ctx, node.table(), LockMode.ACCESS_SHARE);
    int n = node.equal().size();
    Object[] values = new Object[n + 1];
    for (int i = 0; i < n; i++) {
      values[i] = node.equal().get(i).eval(NO_ROW, ctx);
      if (values[i] == null) {
        empty = true; // col = NULL is never true
        return;
      }
    }
    KeyCodec codec = new IndexKeys(node.table(), node.index()).codec();
    byte[] lower = bound(codec, values, n, node.lower());
    byte[] upper = bound(codec, values, n, node.upper());
    if (empty) return;
    rows.start(ctx.storage().indexScan(node.table(), node.index(), lower,
        node.lower() == null || node.lowerInclusive(), upper, node.upper() == null || node.upperInclusive(),
        ctx.snapshot()));
  }

  /** The key prefix of the equal values and the bound (just the equal values when there is no bound). */
  private byte[] bound(KeyCodec codec, Object[] values, int n, Expr bound) {
    if (bound == null) return n == 0 ? null : codec.encodePrefix(values, n);
    Object v = bound.eval(NO_ROW, ctx);
    if (v == null) {
      empty = true; // col < NULL is never true
      return null;
    }
    Object[] withBound = values.clone();
    withBound[n] = v;
    return codec.encodePrefix(withBound, n + 1);
  }

  @Override
  public Object[] next() { return empty ? null : rows.next(); }

  @Override
  public void close() { rows.close(); }
}
