package org.minidb.executor.exec;

import java.util.ArrayList;
import java.util.List;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.NestedLoopJoinNode;

/**
 * Nested loop join over a materialized right side, for every join type. Output rows are the left columns
 * followed by the right ones; the side without a match is NULL-extended (LEFT, RIGHT, FULL). SEMI and ANTI
 * keep the same layout, with the right columns NULL.
 */
final class NestedLoopJoinOperator implements Operator {
  private final Operator left;
  private final Operator right;
  private final JoinType type;
  private final Expr condition;
  private final ExecContext ctx;
  private final int leftWidth;
  private final int rightWidth;
  private List<Object[]> rightRows;
  private boolean[] rightMatched;
  private Object[] leftRow;
  private boolean leftMatched;
  private int rightPos;
  private boolean leftDone;
  private int unmatchedPos;

  NestedLoopJoinOperator(Operator left, Operator right, NestedLoopJoinNode node, ExecContext ctx) {
    this.left = left;
    this.right = right;
    this.type = node.joinType();
    this.condition = node.condition();
    this.ctx = ctx;
    this.leftWidth = node.left().outputTypes().size();
    this.rightWidth = node.right().outputTypes().size();
  }

  @Override
  public void open() {
    right.open();
    rightRows = new ArrayList<>();
    Object[] r;
    while ((r = right.next()) != null) rightRows.add(r.clone());
    rightMatched = new boolean[rightRows.size()];
    left.open();
  }

  @Override
  public Object[] next() {
    while (!leftDone) {
      if (leftRow == null) {
        Object[] l = left.next();
        if (l == null) {
          leftDone = true;
          break;
        }
        leftRow = l.clone();
        leftMatched = false;
        rightPos = 0;
      }
      while (rightPos < rightRows.size()) {
        ctx.checkForInterrupts();
        int i = rightPos++;
        Object[] joined = join(leftRow, rightRows.get(i));
        if (condition == null || Boolean.TRUE.equals(condition.eval(joined, ctx))) {
          leftMatched = true;
          rightMatched[i] = true;
          if (type == JoinType.SEMI) {
            leftRow = null;
            return join(joinedLeft(joined), null);
          }
          if (type == JoinType.ANTI) break;
          return joined;
        }
      }
      Object[] l = leftRow;
      leftRow = null;
      if (!leftMatched && (type == JoinType.LEFT || type == JoinType.FULL || type == JoinType.ANTI)) {
        return join(l, null);
      }
    }
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      while (unmatchedPos < rightRows.size()) {
        int i = unmatchedPos++;
        if (!rightMatched[i]) return join(null, rightRows.get(i));
      }
    }
    return null;
  }

  private Object[] joinedLeft(Object[] joined) {
    Object[] l = new Object[leftWidth];
    System.arraycopy(joined, 0, l, 0, leftWidth);
    return l;
  }

  private Object[] join(Object[] l, Object[] r) { return JoinedRow.of(l, leftWidth, r, rightWidth); }

  @Override
  public void close() {
    rightRows = null;
    Executor.closeAll(left, right);
  }
}
