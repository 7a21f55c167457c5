package org.minidb.executor.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.minidb.common.types.ValueComparator;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.MergeJoinNode;

/**
 * Merge join over two inputs sorted by their keys (ascending, NULLs last): PostgreSQL's ExecMergeJoin walk, with
 * the inner input's current run of equal keys kept in memory instead of marked and restored (MiniDB's operators
 * cannot rewind; the run is what a Materialize under the inner side would hold). The states:
 *
 * <ul>
 *   <li>next outer row: a NULL key never matches (emitted NULL-extended for LEFT/FULL);
 *   <li>it equals the current inner run: joined with each row of the run (the residual condition decides which
 *       pairs match); duplicates on the outer side meet the same run again, as after a restore;
 *   <li>it is below the run: it has no match;
 *   <li>it is above: the run is finished (its unmatched rows emitted for RIGHT/FULL), the inner input advances
 *       past smaller keys (unmatched inner rows) and the rows equal to the outer key become the new run.
 * </ul>
 * After the outer input ends, the rest of the inner (including its NULL keys, which sort last) is unmatched.
 * Rows produced in one step go through a small queue. The inputs' order is the planner's promise; it is not
 * checked.
 */
final class MergeJoinOperator implements Operator {
  private final Operator left;
  private final Operator right;
  private final JoinType type;
  private final Expr residual;
  private final ExecContext ctx;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final List<Comparator<Object>> comparators = new ArrayList<>();
  private final int leftWidth;
  private final int rightWidth;
  private final boolean leftOuter;
  private final boolean rightOuter;
  private final ArrayDeque<Object[]> out = new ArrayDeque<>();
  /** The inner run of equal keys the outer rows are compared with (null: none), and which of its rows matched. */
  private List<Object[]> run;
  private boolean[] runMatched;
  /** The first inner row not yet in a run (a copy), or null when the inner input is exhausted. */
  private Object[] innerNext;
  private boolean outerDone;
  private boolean innerFlushed;

  MergeJoinOperator(Operator left, Operator right, MergeJoinNode node, ExecContext ctx) {
    this.left = left;
    this.right = right;
    this.type = node.joinType();
    this.residual = node.residual();
    this.ctx = ctx;
    this.leftKeys = node.leftKeys().clone();
    this.rightKeys = node.rightKeys().clone();
    for (int k : leftKeys) comparators.add(ValueComparator.forType(node.left().outputTypes().get(k).type()));
    this.leftWidth = node.left().outputTypes().size();
    this.rightWidth = node.right().outputTypes().size();
    this.leftOuter = type == JoinType.LEFT || type == JoinType.FULL;
    this.rightOuter = type == JoinType.RIGHT || type == JoinType.FULL;
  }

  @Override
  public void open() {
    out.clear();
    run = null;
    outerDone = false;
    innerFlushed = false;
    left.open();
    right.open();
    innerNext = readInner();
  }

  private Object[] readInner() {
    Object[] r = right.next();
    return r == null ? null : r.clone();
  }

  @Override
  public Object[] next() {
    while (out.isEmpty()) {
      ctx.checkForInterrupts();
      if (outerDone) {
        if (innerFlushed) return null;
        finishRun();
        while (innerNext != null) {
          if (rightOuter) out.add(join(null, innerNext));
          innerNext = readInner();
        }
        innerFlushed = true;
        continue;
      }
      Object[] o = left.next();
      if (o == null) {
        outerDone = true;
        continue;
      }
      step(o.clone());
    }
    return out.poll();
  }

  /** One outer row against the inner input (see the class comment). */
  private void step(Object[] o) {
    if (hasNull(o, leftKeys)) {
      if (leftOuter) out.add(join(o, null));
      return;
    }
    if (run != null) {
      int c = compare(o, run.get(0));
      if (c == 0) {
        joinRun(o);
        return;
      }
      if (c < 0) {
        if (leftOuter) out.add(join(o, null));
        return;
      }
      finishRun();
    }
    while (innerNext != null && compare(o, innerNext) > 0) {
      ctx.checkForInterrupts();
      if (rightOuter) out.add(join(null, innerNext));
      innerNext = readInner();
    }
    if (innerNext == null || compare(o, innerNext) != 0) {
      if (leftOuter) out.add(join(o, null));
      return;
    }
    run = new ArrayList<>();
    Object[] first = innerNext;
    while (innerNext != null && compareInner(first, innerNext) == 0) {
      ctx.checkForInterrupts();
      run.add(innerNext);
      innerNext = readInner();
    }
    runMatched = new boolean[run.size()];
    joinRun(o);
  }

  private void joinRun(Object[] o) {
    boolean matched = false;
    for (int i = 0; i < run.size(); i++) {
      Object[] joined = join(o, run.get(i));
      if (residual == null || Boolean.TRUE.equals(residual.eval(joined, ctx))) {
        matched = true;
        runMatched[i] = true;
        out.add(joined);
      }
    }
    if (!matched && leftOuter) out.add(join(o, null));
  }

  /** Drops the current run, emitting its rows no outer row matched for RIGHT/FULL. */
  private void finishRun() {
    if (run == null) return;
    if (rightOuter) {
      for (int i = 0; i < run.size(); i++) if (!runMatched[i]) out.add(join(null, run.get(i)));
    }
    run = null;
    runMatched = null;
  }

  /** The key order of an outer row against an inner row; NULL sorts above every value (NULLS LAST). */
  private int compare(Object[] l, Object[] r) {
    for (int i = 0; i < leftKeys.length; i++) {
      int c = compareValues(i, l[leftKeys[i]], r[rightKeys[i]]);
      if (c != 0) return c;
    }
    return 0;
  }

  private int compareInner(Object[] a, Object[] b) {
    for (int i = 0; i < rightKeys.length; i++) {
      int c = compareValues(i, a[rightKeys[i]], b[rightKeys[i]]);
      if (c != 0) return c;
    }
    return 0;
  }

  private int compareValues(int key, Object x, Object y) {
    if (x == null || y == null) return x == y ? 0 : x == null ? 1 : -1;
    return comparators.get(key).compare(x, y);
  }

  private static boolean hasNull(Object[] row, int[] keys) {
    for (int k : keys) if (row[k] == null) return true;
    return false;
  }

  private Object[] join(Object[] l, Object[] r) { return JoinedRow.of(l, leftWidth, r, rightWidth); }

  @Override
  public void close() {
    out.clear();
    run = null;
    innerNext = null;
    Executor.closeAll(left, right);
  }
}
