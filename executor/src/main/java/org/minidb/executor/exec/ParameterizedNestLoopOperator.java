package org.minidb.executor.exec;

import java.util.List;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.NestParam;
import org.minidb.executor.plan.NestedLoopJoinNode;

/**
 * A Nested Loop whose inner side is rescanned for every outer row with the outer row's join keys as executor
 * parameters (PostgreSQL's nestloop with NestLoopParams over a parameterized Index Scan). For INNER, LEFT, SEMI
 * and ANTI joins; the output layout is {@link NestedLoopJoinOperator}'s. Each rescan is a re-open of the inner
 * operator (so EXPLAIN ANALYZE counts one loop per outer row, as PostgreSQL does).
 */
final class ParameterizedNestLoopOperator implements Operator {
  private final Operator left;
  private final Operator right;
  private final JoinType type;
  private final Expr condition;
  private final List<NestParam> params;
  private final ExecContext ctx;
  private final int leftWidth;
  private final int rightWidth;
  /** The current outer row (a copy), or null when the next one must be fetched. */
  private Object[] leftRow;
  private boolean leftMatched;

  ParameterizedNestLoopOperator(Operator left, Operator right, NestedLoopJoinNode node, ExecContext ctx) {
    this.left = left;
    this.right = right;
    this.type = node.joinType();
    this.condition = node.condition();
    this.params = node.params();
    this.ctx = ctx;
    this.leftWidth = node.left().outputTypes().size();
    this.rightWidth = node.right().outputTypes().size();
  }

  @Override
  public void open() {
    leftRow = null;
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
        for (NestParam p : params) ctx.setExecParam(p.slot(), leftRow[p.outerColumn()]);
        right.open(); // rescan with this row's keys
      }
      Object[] r;
      while ((r = right.next()) != null) {
        ctx.checkForInterrupts();
        Object[] joined = join(leftRow, r);
        if (condition != null && !Boolean.TRUE.equals(condition.eval(joined, ctx))) continue;
        leftMatched = true;
        if (type == JoinType.ANTI) break;
        if (type == JoinType.SEMI) {
          Object[] out = join(leftRow, null);
          leftRow = null;
          return out;
        }
        return joined;
      }
      Object[] l = leftRow;
      leftRow = null;
      if (!leftMatched && (type == JoinType.LEFT || type == JoinType.ANTI)) return join(l, null);
    }
  }

  private Object[] join(Object[] l, Object[] r) { return JoinedRow.of(l, leftWidth, r, rightWidth); }

  @Override
  public void close() { Executor.closeAll(left, right); }
}
