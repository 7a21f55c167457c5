package org.minidb.executor.exec.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minidb.executor.expr.Exprs.literal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.common.types.DataType;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.exec.Executor;
import org.minidb.executor.exec.Operator;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.ExplainAnalyzeNode;
import org.minidb.executor.plan.FilterNode;
import org.minidb.executor.plan.LimitNode;
import org.minidb.executor.plan.SortKey;
import org.minidb.executor.plan.SortNode;
import org.minidb.executor.plan.ValuesNode;

/** Instrumented operators count what plain ones return, per node, and plain execution builds no wrapper. */
class InstrumentationTest {
  private static ExecContext ctx() {
    return new ExecContext(null, null, null, new Object[0], ZoneOffset.UTC, Instant.EPOCH, 4 << 20);
  }

  private static ValuesNode values(int n) {
    List<List<Expr>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) rows.add(List.of(literal(i)));
    return new ValuesNode(rows, List.of(DataType.INT4));
  }

  /** {@code col0 >= min}, evaluated on the row. */
  private static Expr atLeast(int min) {
    return (row, c) -> (Integer) row[0] >= min;
  }

  private static long drain(Operator op) {
    long n = 0;
    op.open();
    for (int guard = 0; guard < 1_000_000 && op.next() != null; guard++) n++;
    op.close();
    return n;
  }

  @Test
  void rowsLoopsAndRowsRemovedPerNode() {
    ValuesNode v = values(10);
    FilterNode f = new FilterNode(v, atLeast(7));
    Instrumentation instr = new Instrumentation(true, false);
    assertEquals(3, drain(Executor.build(f, ctx(), instr)));
    assertEquals(3, instr.of(f).rows());
    assertEquals(1, instr.of(f).loops());
    assertEquals(7, instr.of(f).removedByFilter());
    assertEquals(10, instr.of(v).rows());
    assertTrue(instr.of(f).totalNanos() >= instr.of(f).startupNanos());
  }

  @Test
  void limitStillBoundsTheSortThroughTheWrapper() {
    ValuesNode v = values(100);
    SortNode sort = new SortNode(v, List.of(new SortKey(0, DataType.INT4, true, false)));
    LimitNode limit = new LimitNode(sort, null, literal(3L));
    Instrumentation instr = new Instrumentation(false, false);
    assertEquals(3, drain(Executor.build(limit, ctx(), instr)));
    assertEquals(new OperatorUsage.Sort("top-N heapsort", false,
        ((OperatorUsage.Sort) instr.of(sort).operatorUsage()).kilobytes()), instr.of(sort).operatorUsage());
    assertEquals(3, instr.of(sort).rows());
    assertEquals(0, instr.of(sort).totalNanos()); // TIMING off
  }

  @Test
  void neverExecutedNodeHasNoLoop() {
    ValuesNode v = values(5);
    LimitNode limit = new LimitNode(v, null, literal(0L));
    Instrumentation instr = new Instrumentation(true, false);
    assertEquals(0, drain(Executor.build(limit, ctx(), instr)));
    assertEquals(1, instr.of(limit).loops());
    assertEquals(0, instr.of(v).loops());
  }

  @Test
  void plainExecutionBuildsNoWrapper() {
    Operator op = Executor.build(new FilterNode(values(3), atLeast(1)), ctx());
    assertSame(op, op.unwrapped());
    assertNull(new Instrumentation(false, false).of(values(1)));
  }

  @Test
  void explainAnalyzeRunsThenRenders() {
    FilterNode f = new FilterNode(values(4), atLeast(2));
    ExplainAnalyzeNode e = new ExplainAnalyzeNode(f, false, false, DataType.TEXT,
        (instr, nanos) -> List.of("rows=" + instr.of(f).rows(), "removed=" + instr.of(f).removedByFilter()));
    Operator op = Executor.build(e, ctx());
    op.open();
    assertEquals("rows=2", op.next()[0]);
    assertEquals("removed=2", op.next()[0]);
    assertNull(op.next());
    op.close();
  }
}
