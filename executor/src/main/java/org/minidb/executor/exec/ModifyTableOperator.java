package org.minidb.executor.exec;

import java.util.function.Function;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
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
   * UPDATE's and DELETE's way through concurrency: applies {@code change} to the version the source row names;
   * when a transaction that committed after the statement's snapshot changed it first, REPEATABLE READ and
   * SERIALIZABLE cannot go on (40001, PostgreSQL's wording) and READ COMMITTED goes on with the row's newest
   * version if that still satisfies the statement ({@link EvalPlanQual}), as often as that happens.
   *
   * @return whether a row was changed (false: gone, no longer qualifying, or already changed by this command,
   *     e.g. a join that reaches it twice, which counts once)
   */
  final boolean changeRow(HeapRelation heap, Object[] in, EvalPlanQual evalPlanQual,
      Function<Object[], TupleChange> change) {
    for (Object[] source = in; source != null; ) {
      TupleChange r = change.apply(source);
      switch (r.status()) {
        case OK -> { return true; }
        case SELF_MODIFIED -> { return false; }
        case DELETED -> {
          refuseUnderTransactionSnapshot("delete");
          return false;
        }
        case UPDATED -> {
          refuseUnderTransactionSnapshot("update");
          source = evalPlanQual.recheck(heap, r.tid(), r.updater());
        }
      }
    }
    return false;
  }

  private void refuseUnderTransactionSnapshot(String what) {
    if (ctx.transaction().isolationLevel().usesTransactionSnapshot()) {
      throw DbException.of(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent " + what);
    }
  }

  @Override
  public final void close() { source.close(); }
}
