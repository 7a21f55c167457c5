package org.minidb.executor.exec;

import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapRelation;

/**
 * What INSERT, UPDATE and DELETE share (PostgreSQL's ModifyTable node): the table's write lock taken at open,
 * all the work done in the first {@code next()}, which returns null because these statements yield no rows
 * (RETURNING comes later), and the count of changed rows added to the context by {@link #modify}.
 */
abstract class ModifyTableOperator implements Operator {
  private final Operator source;
  private final TableDef table;
  protected final ExecContext ctx;
  private boolean done;

  ModifyTableOperator(Operator source, TableDef table, ExecContext ctx) {
    this.source = source;
    this.table = table;
    this.ctx = ctx;
  }

  @Override
  public final void open() {
    ctx.transaction().lockRelationForWrite(table.oid());
    source.open();
  }

  @Override
  public final Object[] next() {
    if (done) return null;
    done = true;
    HeapRelation heap = ctx.storage().heap(table);
    Object[] in;
    while ((in = source.next()) != null) {
      if (modify(heap, in)) ctx.addProcessed(1);
    }
    return null;
  }

  /** Applies one source row to the heap; returns whether a row was changed (and counts). */
  abstract boolean modify(HeapRelation heap, Object[] sourceRow);

  @Override
  public final void close() { source.close(); }
}
