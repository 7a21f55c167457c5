package org.minidb.executor.exec;

import org.minidb.common.encoding.RowCodec;
import org.minidb.executor.plan.UpdateNode;
import org.minidb.storage.heap.HeapRelation;

/**
 * UPDATE: each source row is the new row followed by the tid of the version it replaces. Enforces the
 * constraints, then replaces the version under the table's write lock; counts into the context.
 */
final class UpdateOperator implements Operator {
  private final Operator source;
  private final UpdateNode node;
  private final ExecContext ctx;
  private final RowConstraints constraints;
  private boolean done;

  UpdateOperator(Operator source, UpdateNode node, ExecContext ctx) {
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
    int tidColumn = constraints.types().size();
    Object[] in;
    while ((in = source.next()) != null) {
      long tid = (Long) in[tidColumn];
      Object[] row = constraints.apply(in, ctx);
      // -1: this command already updated that version (a join can reach a row twice): it counts once.
      if (heap.update(ctx.transaction(), tid, RowCodec.encode(constraints.types(), row)) >= 0) ctx.addProcessed(1);
    }
    return null;
  }

  @Override
  public void close() { source.close(); }
}
