package org.minidb.executor.exec;

import java.util.List;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.exec.instrument.OperatorUsage;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.spill.RowSource;

/**
 * Hash join: builds a table of the right rows by their keys (rows with a NULL key never match and are left
 * out), then probes it with each left row, checking the residual condition on the joined row. INNER, LEFT,
 * SEMI and ANTI (SEMI/ANTI keep the left+right layout with NULL right columns).
 *
 * <p>Past work_mem it becomes a Grace hash join ({@link HashJoinBatches}): both inputs are split by key hash
 * into batches on disk and joined one batch at a time. A left row that cannot match (NULL key, or no right row
 * in its batch) is settled at once instead of being written. The output order then differs from the in-memory
 * join's; the rows are the same.
 */
final class HashJoinOperator implements Operator, OperatorUsage.Reporting {
  private final Operator left;
  private final Operator right;
  private final JoinType type;
  private final Expr residual;
  private final ExecContext ctx;
  private final RowKey.Extractor leftKeys;
  private final RowKey.Extractor rightKeys;
  private final int leftWidth;
  private final int rightWidth;
  private HashJoinBatches batches;
  /** The table of the right rows being joined (all of them, or one batch's). */
  private Map<Object, List<Object[]>> table;
  /** The left rows probing {@link #table}: the left input, or one batch's left file. */
  private RowSource probe;
  private Object[] leftRow;
  private List<Object[]> bucket;
  private int bucketPos;
  private boolean leftMatched;
  /** EXPLAIN ANALYZE: the hash table's figures, taken before close drops the batches. */
  private OperatorUsage.Hash usage;

  HashJoinOperator(Operator left, Operator right, HashJoinNode node, ExecContext ctx) {
    this.left = left;
    this.right = right;
    this.type = node.joinType();
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, type + " hash join is not supported yet");
    }
    this.residual = node.residual();
    this.ctx = ctx;
    this.leftKeys = new RowKey.Extractor(node.leftKeys(), node.left().outputTypes());
    this.rightKeys = new RowKey.Extractor(node.rightKeys(), node.right().outputTypes());
    this.leftWidth = node.left().outputTypes().size();
    this.rightWidth = node.right().outputTypes().size();
  }

  @Override
  public void open() {
    right.open();
    batches = new HashJoinBatches(ctx, leftKeys, rightKeys);
    table = batches.build(right::next);
    left.open();
    probe = left::next;
  }

  @Override
  public Object[] next() {
    while (true) {
      if (leftRow == null) {
        Object[] l = probe == null ? null : probe.next();
        if (l == null) {
          probe = null;
          HashJoinBatches.Batch b = batches.nextBatch();
          if (b == null) return null;
          table = b.table();
          probe = b.left();
          continue;
        }
        if (table == null) { // the right side spilled: the left input goes to batches
          if (batches.partitionLeft(l)) continue;
          if (type == JoinType.LEFT || type == JoinType.ANTI) return join(l, null);
          continue;
        }
        leftRow = l.clone();
        leftMatched = false;
        bucket = leftKeys.hasNull(leftRow) ? null : table.get(leftKeys.hashKey(leftRow));
        bucketPos = 0;
      }
      while (bucket != null && bucketPos < bucket.size()) {
        ctx.checkForInterrupts();
        Object[] joined = join(leftRow, bucket.get(bucketPos++));
        if (residual == null || Boolean.TRUE.equals(residual.eval(joined, ctx))) {
          leftMatched = true;
          if (type == JoinType.SEMI) {
            Object[] l = leftRow;
            leftRow = null;
            return join(l, null);
          }
          if (type == JoinType.ANTI) break;
          return joined;
        }
      }
      Object[] l = leftRow;
      leftRow = null;
      if (!leftMatched && (type == JoinType.LEFT || type == JoinType.ANTI)) return join(l, null);
    }
  }

  private Object[] join(Object[] l, Object[] r) { return JoinedRow.of(l, leftWidth, r, rightWidth); }

  @Override
  public OperatorUsage usage() {
    return batches == null ? usage : (usage = batches.usage());
  }

  @Override
  public void close() {
    if (batches != null) usage = batches.usage();
    table = null;
    probe = null;
    HashJoinBatches b = batches;
    batches = null;
    Executor.closeAll(b, left, right);
  }
}
