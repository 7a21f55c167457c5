package org.minidb.executor.exec;

import org.minidb.executor.plan.DeleteNode;
import org.minidb.storage.heap.HeapRelation;

/**
 * DELETE: deletes the version named by the last column (tid) of each source row; a version a concurrent
 * transaction updated first is re-checked ({@link EvalPlanQual}) under READ COMMITTED.
 */
final class DeleteOperator extends ModifyTableOperator {
  private final int tidColumn;
  private final EvalPlanQual evalPlanQual;

  DeleteOperator(Operator source, DeleteNode node, ExecContext ctx) {
    super(source, node.table(), ctx);
    this.tidColumn = node.source().outputTypes().size() - 1;
    this.evalPlanQual = new EvalPlanQual(node.source(), ctx, node.table().oid());
  }

  @Override
  boolean modify(HeapRelation heap, Object[] in) {
    return changeRow(heap, in, evalPlanQual, source -> heap.delete(ctx.transaction(), (Long) source[tidColumn]));
  }
}
