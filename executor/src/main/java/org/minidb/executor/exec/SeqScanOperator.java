package org.minidb.executor.exec;

import java.util.List;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.SeqScanNode;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.heap.HeapScan;

/** Seq Scan: decodes each visible tuple into one reused row, appends the tid if asked, applies the filter. */
final class SeqScanOperator implements Operator {
  private final SeqScanNode node;
  private final ExecContext ctx;
  private final List<DataType> columnTypes;
  private final Expr filter;
  private final Object[] row;
  private HeapScan scan;

  SeqScanOperator(SeqScanNode node, ExecContext ctx) {
    this.node = node;
    this.ctx = ctx;
    this.columnTypes = node.table().columns().stream().map(ColumnDef::type).toList();
    this.filter = node.filter();
    this.row = new Object[columnTypes.size() + (node.withTid() ? 1 : 0)];
  }

  @Override
  public void open() {
    scan = ctx.storage().heap(node.table()).scan(ctx.snapshot());
  }

  @Override
  public Object[] next() {
    int n = columnTypes.size();
    while (scan.next()) {
      RowCodec.decodeInto(columnTypes, scan.tuple(), row, 0);
      if (node.withTid()) row[n] = scan.tid();
      if (filter == null || Boolean.TRUE.equals(filter.eval(row, ctx))) return row;
    }
    return null;
  }

  @Override
  public void close() {
    HeapScan s = scan;
    scan = null;
    if (s != null) s.close();
  }
}
