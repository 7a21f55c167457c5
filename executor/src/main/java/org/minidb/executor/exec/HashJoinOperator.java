package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.JoinType;

/**
 * Hash join: builds a table of the right rows by their keys (rows with a NULL key never match and are left
 * out), then probes it with each left row, checking the residual condition on the joined row. INNER, LEFT,
 * SEMI and ANTI (SEMI/ANTI keep the left+right layout with NULL right columns).
 *
 * <p>In memory for now; batching both sides to disk past work_mem (hybrid hash join) goes in {@link #open}.
 */
final class HashJoinOperator implements Operator {
  private final Operator left;
  private final Operator right;
  private final JoinType type;
  private final Expr residual;
  private final ExecContext ctx;
  private final RowKey.Extractor leftKeys;
  private final RowKey.Extractor rightKeys;
  private final int leftWidth;
  private final int rightWidth;
  private Map<Object, List<Object[]>> table;
  private Object[] leftRow;
  private List<Object[]> bucket;
  private int bucketPos;
  private boolean leftMatched;

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
    table = new HashMap<>();
    Object[] r;
    while ((r = right.next()) != null) {
      if (rightKeys.hasNull(r)) continue;
      table.computeIfAbsent(rightKeys.hashKey(r), k -> new ArrayList<>(1)).add(r.clone());
    }
    left.open();
  }

  @Override
  public Object[] next() {
    while (true) {
      if (leftRow == null) {
        Object[] l = left.next();
        if (l == null) return null;
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

  private Object[] join(Object[] l, Object[] r) {
    Object[] out = new Object[leftWidth + rightWidth];
    System.arraycopy(l, 0, out, 0, leftWidth);
    if (r != null) System.arraycopy(r, 0, out, leftWidth, rightWidth);
    return out;
  }

  @Override
  public void close() {
    table = null;
    Executor.closeAll(left, right);
  }
}
