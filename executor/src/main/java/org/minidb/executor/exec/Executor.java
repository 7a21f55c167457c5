package org.minidb.executor.exec;

import java.util.BitSet;
import org.minidb.executor.exec.instrument.Instrumentation;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.AppendNode;
import org.minidb.executor.plan.SetOpNode;
import org.minidb.executor.plan.DeleteNode;
import org.minidb.executor.plan.FilterNode;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.InsertNode;
import org.minidb.executor.plan.LimitNode;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.IndexOnlyScanNode;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.executor.plan.SeqScanNode;
import org.minidb.executor.plan.SortNode;
import org.minidb.executor.plan.UpdateNode;
import org.minidb.executor.plan.ValuesNode;
import org.minidb.executor.plan.GenerateSeriesNode;
import org.minidb.executor.plan.UniqueNode;

/**
 * Instantiates the Volcano operators of one execution from an immutable (cached, shared) plan. The operators
 * hold the per-execution state; the plan nodes and their compiled expressions are never mutated.
 */
public final class Executor {
  private Executor() {}

  public static Operator build(PlanNode plan, ExecContext ctx) {
    return build(plan, ctx, null, null);
  }

  /**
   * The operators of {@code plan} for EXPLAIN ANALYZE: each one wrapped to count and time its calls into
   * {@code instrumentation}, and filters counting the rows they reject. Plain execution never builds these.
   */
  public static Operator build(PlanNode plan, ExecContext ctx, Instrumentation instrumentation) {
    return build(plan, ctx, null, instrumentation);
  }

  /**
   * @param read the columns of {@code plan}'s output that its consumer reads, or null for all (the others may
   *     come out as null: only a scan without a filter uses this, to skip decoding them)
   */
  private static Operator build(PlanNode plan, ExecContext ctx, BitSet read, Instrumentation instr) {
    if (instr == null) return operator(plan, ctx, read, null);
    return instr.wrap(plan, operator(instr.counting(plan), ctx, read, instr));
  }

  private static Operator operator(PlanNode plan, ExecContext ctx, BitSet read, Instrumentation instr) {
    return switch (plan) {
      case SeqScanNode n -> new SeqScanOperator(n, ctx, ColumnsRead.ofScan(read, n));
      case IndexScanNode n -> new IndexScanOperator(n, ctx);
      case IndexOnlyScanNode n -> new IndexOnlyScanOperator(n, ctx);
      case FilterNode n -> new FilterOperator(build(n.input(), ctx, null, instr), n.predicate(), ctx);
      case ProjectNode n -> new ProjectOperator(
          build(n.input(), ctx, ColumnsRead.ofProjection(n.expressions()), instr), n.expressions(), ctx);
      case ValuesNode n -> new ValuesOperator(n, ctx);
      case GenerateSeriesNode n -> new GenerateSeriesOperator(n, ctx);
      case UniqueNode n -> new UniqueOperator(build(n.input(), ctx, null, instr), n);
      case SortNode n ->
          new SortOperator(build(n.input(), ctx, ColumnsRead.ofSort(read, n.keys()), instr), n.keys(), ctx);
      case LimitNode n -> new LimitOperator(build(n.input(), ctx, read, instr), n.offset(), n.limit(), ctx);
      case AggregateNode n ->
          new HashAggregateOperator(build(n.input(), ctx, ColumnsRead.ofAggregate(n), instr), n, ctx);
      case NestedLoopJoinNode n when !n.params().isEmpty() ->
          new ParameterizedNestLoopOperator(build(n.left(), ctx, null, instr), build(n.right(), ctx, null, instr), n,
              ctx);
      case NestedLoopJoinNode n ->
          new NestedLoopJoinOperator(build(n.left(), ctx, null, instr), build(n.right(), ctx, null, instr), n, ctx);
      case HashJoinNode n -> {
        BitSet[] sides = ColumnsRead.ofHashJoin(read, n);
        yield new HashJoinOperator(build(n.left(), ctx, sides[0], instr), build(n.right(), ctx, sides[1], instr), n,
            ctx);
      }
      case org.minidb.executor.plan.MergeJoinNode n ->
          new MergeJoinOperator(build(n.left(), ctx, null, instr), build(n.right(), ctx, null, instr), n, ctx);
      case org.minidb.executor.plan.GroupAggregateNode n -> new GroupAggregateOperator(
          build(n.input(), ctx, ColumnsRead.ofAggregate(n.groupColumns(), n.aggregates()), instr), n);
      case InsertNode n -> new InsertOperator(build(n.source(), ctx, null, instr), n, ctx);
      case UpdateNode n -> new UpdateOperator(build(n.source(), ctx, null, instr), n, ctx);
      case DeleteNode n -> new DeleteOperator(build(n.source(), ctx, null, instr), n, ctx);
      case AppendNode n ->
          new AppendOperator(n.inputs().stream().map(in -> build(in, ctx, null, instr)).toList());
      case org.minidb.executor.plan.LockRowsNode n ->
          new LockRowsOperator(build(n.input(), ctx, null, instr), n, ctx);
      case org.minidb.executor.plan.ExplainAnalyzeNode n -> new ExplainAnalyzeOperator(n, ctx);
      case SetOpNode n ->
          new HashSetOpOperator(build(n.left(), ctx, null, instr), build(n.right(), ctx, null, instr), n, ctx);
    };
  }

  /** Runs a plan to the end, discarding rows (DML); returns the number of rows it processed. */
  public static long run(PlanNode plan, ExecContext ctx) {
    try (Operator op = build(plan, ctx)) {
      op.open();
      long guard = 0;
      while (op.next() != null) guard++;
      return plan.outputTypes().isEmpty() ? ctx.processed() : guard;
    }
  }

  /** Closes each operator, all of them even if one fails; the first failure is rethrown. */
  static void closeAll(AutoCloseable... ops) {
    RuntimeException first = null;
    for (AutoCloseable op : ops) {
      if (op == null) continue;
      try {
        op.close();
      } catch (RuntimeException e) {
        if (first == null) first = e;
        else first.addSuppressed(e);
      } catch (Exception e) {
        RuntimeException r = new IllegalStateException(e);
        if (first == null) first = r;
        else first.addSuppressed(r);
      }
    }
    if (first != null) throw first;
  }
}
