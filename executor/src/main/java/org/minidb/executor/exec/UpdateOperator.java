package org.minidb.executor.exec;

import org.minidb.common.encoding.RowCodec;
import org.minidb.executor.plan.UpdateNode;
import org.minidb.storage.heap.HeapRelation;

/**
 * UPDATE: each source row is the new row followed by the tid of the version it replaces. Enforces the
 * constraints, then replaces the version.
 */
final class UpdateOperator extends ModifyTableOperator {
  private final RowConstraints constraints;

  UpdateOperator(Operator source, UpdateNode node, ExecContext ctx) {
    super(source, node.table(), ctx);
    this.constraints = new RowConstraints(node.table(), node.checks());
  }

  @Override
  boolean modify(HeapRelation heap, Object[] in) {
    long tid = (Long) in[constraints.types().size()];
    Object[] row = constraints.apply(in, ctx);
    // -1: this command already updated that version (a join can reach a row twice): it counts once.
    return heap.update(ctx.transaction(), tid, RowCodec.encode(constraints.types(), row)) >= 0;
  }
}
