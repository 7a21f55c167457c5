package org.minidb.executor.exec;

import org.minidb.executor.plan.InsertNode;
import org.minidb.storage.heap.HeapRelation;

/**
 * INSERT fed one row at a time by its caller (COPY FROM, PostgreSQL's CopyFrom): the plan is an INSERT whose
 * source computes the table's full row from the parameters {@code $1..$n} (the copied columns; defaults fill
 * the others), so each {@link #insert} binds the row's values as the parameters, evaluates the source once and
 * goes through the same {@link InsertOperator} as INSERT (constraints, and whatever else insertion does).
 * Rows stream: nothing is kept after it is inserted.
 */
public final class RowInserter implements AutoCloseable {
  private final ExecContext ctx;
  private final Operator source;
  private final InsertOperator insert;
  private final HeapRelation heap;

  /** Opens the insert (ROW EXCLUSIVE on the table); {@code ctx}'s parameter array receives each row. */
  public RowInserter(InsertNode node, ExecContext ctx) {
    this.ctx = ctx;
    this.source = Executor.build(node.source(), ctx);
    this.insert = new InsertOperator(source, node, ctx);
    insert.open();
    this.heap = ctx.storage().heap(node.table());
  }

  /** Inserts the row whose copied columns are {@code values} (in the parameters' order and types). */
  public void insert(Object[] values) {
    System.arraycopy(values, 0, ctx.parameters(), 0, values.length);
    source.open();
    Object[] row = source.next();
    if (insert.modify(heap, row)) ctx.addProcessed(1);
  }

  /** Rows inserted so far. */
  public long inserted() { return ctx.processed(); }

  @Override
  public void close() { insert.close(); }
}
