package org.minidb.executor.exec;

import java.util.function.Function;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.heap.TupleChange;
import org.minidb.storage.tx.LockMode;

/**
 * What INSERT, UPDATE and DELETE share (PostgreSQL's ModifyTable node): ROW EXCLUSIVE on the table taken at
 * open (concurrent writers of the table proceed; row conflicts are settled per version by the heap), all the
 * work done in the first {@code next()}, which returns null because these statements yield no rows (RETURNING
 * comes later), and the count of changed rows added to the context by {@link #modify}.
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
    RelationLocks.lock(ctx, table, LockMode.ROW_EXCLUSIVE);
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

  /**
   * UPDATE's and DELETE's way through concurrency ({@link EvalPlanQual#apply}): whether a row was changed (false:
   * gone, no longer qualifying, or already changed by this command, e.g. a join that reaches it twice, which
   * counts once).
   */
  final boolean changeRow(HeapRelation heap, Object[] in, EvalPlanQual evalPlanQual,
      Function<Object[], TupleChange> change) {
    return evalPlanQual.apply(heap, in, change, "delete").status() == TupleChange.Status.OK;
  }

  @Override
  public final void close() { source.close(); }
}
