package org.minidb.executor.exec;

import org.minidb.common.encoding.KeyCodec;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.TupleVersion;
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
  private final PgType[] columnTypes;
  private final Object[] row;
  private HeapScan scan;
  /** EvalPlanQual: the one version to return instead of scanning (then {@code scan} stays null). */
  private TupleVersion substitute;
  private boolean empty;

  IndexScanOperator(IndexScanNode node, ExecContext ctx) {
    this.node = node;
    this.ctx = ctx;
    this.columnTypes = node.table().columns().stream().map(c -> c.type().type()).toArray(PgType[]::new);
    this.row = new Object[columnTypes.length + (node.withTid() ? 1 : 0)];
  }

  @Override
  public void open() {
    EvalPlanQualRow epq = ctx.evalPlanQual();
    if (epq != null && node.withTid() && epq.relOid() == node.table().oid()) {
      substitute = epq.version();
      return;
    }
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
    scan = ctx.storage().indexScan(node.table(), node.index(), lower,
        node.lower() == null || node.lowerInclusive(), upper, node.upper() == null || node.upperInclusive(),
        ctx.snapshot());
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
  public Object[] next() {
    if (empty) return null;
    int n = columnTypes.length;
    if (scan == null) return nextSubstitute(n);
    while (scan.next()) {
      ctx.checkForInterrupts();
      RowCodec.decodeInto(columnTypes, null, scan.tuple(), row, 0);
      if (node.withTid()) row[n] = scan.tid();
      if (node.filter() == null || Boolean.TRUE.equals(node.filter().eval(row, ctx))) return row;
    }
    return null;
  }

  private Object[] nextSubstitute(int n) {
    TupleVersion v = substitute;
    if (v == null) return null;
    substitute = null;
    RowCodec.decodeInto(columnTypes, null, v.data(), row, 0);
    row[n] = v.tid();
    return node.filter() == null || Boolean.TRUE.equals(node.filter().eval(row, ctx)) ? row : null;
  }

  @Override
  public void close() {
    HeapScan s = scan;
    scan = null;
    if (s != null) s.close();
  }
}
