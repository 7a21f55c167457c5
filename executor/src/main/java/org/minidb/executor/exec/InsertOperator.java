package org.minidb.executor.exec;

import org.minidb.common.encoding.RowCodec;
import org.minidb.executor.plan.InsertNode;
import org.minidb.storage.heap.HeapRelation;

/**
 * INSERT: enforces the constraints on each source row, encodes it and adds it to the heap under the table's
 * write lock. Does all its work in the first {@code next()}, which returns null; the count goes to the context.
 */
final class InsertOperator implements Operator {
  private final Operator source;
  private final InsertNode node;
  private final ExecContext ctx;
  private final RowConstraints constraints;
  private boolean done;

  InsertOperator(Operator source, InsertNode node, ExecContext ctx) {
    this.source = source;
    this.node = node;
    this.ctx = ctx;
    this.constraints = new RowConstraints(node.table(), node.checks());
  }

  @Override
  public void open() {
    ctx.transaction().lockRelationForWrite(node.table().oid());
    source.open();
  }

  @Override
  public Object[] next() {
    if (done) return null;
    done = true;
    HeapRelation heap = ctx.storage().heap(node.table());
    Object[] in;
    while ((in = source.next()) != null) {
      Object[] row = constraints.apply(in, ctx);
      heap.insert(ctx.transaction(), RowCodec.encode(constraints.types(), row));
      ctx.addProcessed(1);
    }
    return null;
  }

  @Override
  public void close() { source.close(); }
}
