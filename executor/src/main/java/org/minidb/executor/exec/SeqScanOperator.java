package org.minidb.executor.exec;

import org.minidb.common.encoding.RowCodec;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.SeqScanNode;
import org.minidb.storage.heap.HeapScan;
import org.minidb.storage.heap.TupleVersion;
import org.minidb.storage.tx.LockMode;

/** Seq Scan: decodes each visible tuple (the wanted columns of it) into one reused row, appends the tid if asked, applies the filter. */
final class SeqScanOperator implements Operator {
  private final SeqScanNode node;
  private final ExecContext ctx;
  private final PgType[] columnTypes;
  private final boolean[] wanted;
  private final Expr filter;
  private final Object[] row;
  private HeapScan scan;
  /** EvalPlanQual: the one version to return instead of scanning (then {@code scan} stays null). */
  private TupleVersion substitute;

  /**
   * @param wanted null to decode every column, else a flag per column: the unwanted ones are not decoded and
   *     come out as null (the consumer never reads them)
   */
  SeqScanOperator(SeqScanNode node, ExecContext ctx, boolean[] wanted) {
    this.node = node;
    this.ctx = ctx;
    this.columnTypes = node.table().columns().stream().map(c -> c.type().type()).toArray(PgType[]::new);
    this.wanted = wanted;
    this.filter = node.filter();
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
    scan = ctx.storage().heap(node.table()).scan(ctx.snapshot(), ctx.transaction());
  }

  @Override
  public Object[] next() {
    int n = columnTypes.length;
    if (scan == null) return nextSubstitute(n);
    while (scan.next()) {
      ctx.checkForInterrupts();
      RowCodec.decodeInto(columnTypes, wanted, scan.tuple(), row, 0);
      if (node.withTid()) row[n] = scan.tid();
      if (filter == null || Boolean.TRUE.equals(filter.eval(row, ctx))) return row;
    }
    return null;
  }

  private Object[] nextSubstitute(int n) {
    TupleVersion v = substitute;
    if (v == null) return null;
    substitute = null;
    RowCodec.decodeInto(columnTypes, wanted, v.data(), row, 0);
    row[n] = v.tid();
    return filter == null || Boolean.TRUE.equals(filter.eval(row, ctx)) ? row : null;
  }

  @Override
  public void close() {
    HeapScan s = scan;
    scan = null;
    if (s != null) s.close();
  }
}
