package org.minidb.executor.exec;

import org.minidb.executor.plan.DeleteNode;
import org.minidb.storage.heap.HeapRelation;

/** DELETE: deletes the version named by the last column (tid) of each source row. */
final class DeleteOperator extends ModifyTableOperator {
  private final int tidColumn;

  DeleteOperator(Operator source, DeleteNode node, ExecContext ctx) {
    super(source, node.table(), ctx);
    this.tidColumn = node.source().outputTypes().size() - 1;
  }

  @Override
  boolean modify(HeapRelation heap, Object[] in) {
    // false: this command already deleted that version (a join can name a row twice), count it once.
    return heap.delete(ctx.transaction(), (Long) in[tidColumn]);
  }
}
