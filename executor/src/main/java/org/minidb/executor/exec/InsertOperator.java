package org.minidb.executor.exec;

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
    heap.insert(ctx.transaction(), tuple(heap, in));
    return true;
  }

  /**
   * The tuple that {@code in} becomes in {@code heap} once the constraints have passed (they throw otherwise):
   * large values go out of line first (TOAST).
   */
  byte[] tuple(HeapRelation heap, Object[] in) {
    Object[] row = constraints.apply(in, ctx);
    return heap.formTuple(ctx.transaction(), constraints.types(), row);
  }
}
