package org.minidb.executor.exec;

import java.util.Arrays;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.executor.plan.LockRowsNode;
import org.minidb.storage.heap.HeapRelation;
import org.minidb.storage.tx.LockMode;

/**
 * LockRows: locks each input row's table row before passing it on. A row a concurrent transaction changed and
 * committed is handled as UPDATE handles it: READ COMMITTED re-checks the newest version (and locks that one if
 * it still qualifies), REPEATABLE READ fails with 40001. Under SKIP LOCKED a row held by a running transaction
 * is left out; under NOWAIT it fails the statement with 55P03.
 */
final class LockRowsOperator implements Operator {
  private final Operator input;
  private final LockRowsNode node;
  private final ExecContext ctx;
  private final EvalPlanQual evalPlanQual;
  private HeapRelation heap;

  LockRowsOperator(Operator input, LockRowsNode node, ExecContext ctx) {
    this.input = input;
    this.node = node;
    this.ctx = ctx;
    this.evalPlanQual = new EvalPlanQual(node.input(), ctx, node.table().oid());
  }

  @Override
  public void open() {
    RelationLocks.lock(ctx, node.table(), LockMode.ROW_SHARE);
    heap = ctx.storage().heap(node.table());
    input.open();
  }

  @Override
  public Object[] next() {
    int tidColumn = node.outputTypes().size();
    Object[] row;
    while ((row = input.next()) != null) {
      Object[] locked = lock(row, tidColumn);
      if (locked != null) return Arrays.copyOf(locked, tidColumn);
    }
    return null;
  }

  /** The row as locked (the newest version's after a concurrent update), or null if it is left out. */
  private Object[] lock(Object[] row, int tidColumn) {
    boolean wait = node.waitPolicy() == LockRowsNode.WaitPolicy.BLOCK;
    EvalPlanQual.Outcome outcome = evalPlanQual.apply(heap, row,
        source -> heap.lock(ctx.transaction(), (Long) source[tidColumn], node.mode(), wait), "update");
    return switch (outcome.status()) {
      case OK, SELF_MODIFIED -> outcome.source();
      case WOULD_BLOCK -> {
        if (node.waitPolicy() == LockRowsNode.WaitPolicy.SKIP) yield null;
        throw DbException.of(SqlState.LOCK_NOT_AVAILABLE,
            "could not obtain lock on row in relation \"" + node.table().name() + "\"");
      }
      default -> null;
    };
  }

  @Override
  public void close() { input.close(); }
}
