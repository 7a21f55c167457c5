package org.minidb.executor.exec;

import org.minidb.executor.plan.DeleteNode;
import org.minidb.storage.heap.HeapRelation;

/** DELETE: deletes the version named by the last column (tid) of each source row; counts deleted rows. */
final class DeleteOperator implements Operator {
  private final Operator source;
  private final DeleteNode node;
  private final ExecContext ctx;
  private boolean done;

  DeleteOperator(Operator source, DeleteNode node, ExecContext ctx) {
    this.source = source;
    this.node = node;
    this.ctx = ctx;
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
    int tidColumn = node.source().outputTypes().size() - 1;
    Object[] in;
    while ((in = source.next()) != null) {
      // false: this command already deleted that version (a join can name a row twice), count it once.
      if (heap.delete(ctx.transaction(), (Long) in[tidColumn])) ctx.addProcessed(1);
    }
    return null;
  }

  @Override
  public void close() { source.close(); }
}
