package org.minidb.executor.exec;

import org.minidb.executor.plan.UpdateNode;
import org.minidb.storage.heap.HeapRelation;

/**
 * UPDATE: each source row is the new row followed by the tid of the version it replaces. Enforces the
 * constraints, then replaces the version; a version a concurrent transaction updated first is re-checked
 * ({@link EvalPlanQual}) under READ COMMITTED.
 */
final class UpdateOperator extends ModifyTableOperator {
  private final RowConstraints constraints;
  private final EvalPlanQual evalPlanQual;

  UpdateOperator(Operator source, UpdateNode node, ExecContext ctx) {
    super(source, node.table(), ctx);
    this.constraints = new RowConstraints(node.table(), node.checks());
    this.evalPlanQual = new EvalPlanQual(node.source(), ctx, node.table().oid());
  }

  @Override
  boolean modify(HeapRelation heap, Object[] in) {
    int tidColumn = constraints.types().size();
    return changeRow(heap, in, evalPlanQual, source -> heap.update(ctx.transaction(), (Long) source[tidColumn],
        heap.formTuple(ctx.transaction(), constraints.types(), constraints.apply(source, ctx))));
  }
}
