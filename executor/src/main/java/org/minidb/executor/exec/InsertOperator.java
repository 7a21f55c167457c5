package org.minidb.executor.exec;

import org.minidb.common.encoding.RowCodec;
import org.minidb.executor.plan.InsertNode;
import org.minidb.storage.heap.HeapRelation;

/** INSERT: enforces the constraints on each source row, encodes it and adds it to the heap. */
final class InsertOperator extends ModifyTableOperator {
  private final RowConstraints constraints;

  InsertOperator(Operator source, InsertNode node, ExecContext ctx) {
    super(source, node.table(), ctx);
    this.constraints = new RowConstraints(node.table(), node.checks());
  }

  @Override
  boolean modify(HeapRelation heap, Object[] in) {
    Object[] row = constraints.apply(in, ctx);
    heap.insert(ctx.transaction(), RowCodec.encode(constraints.types(), row));
    return true;
  }
}
