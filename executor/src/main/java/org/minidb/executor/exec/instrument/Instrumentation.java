package org.minidb.executor.exec.instrument;

import java.util.IdentityHashMap;
import java.util.Map;
import org.minidb.executor.exec.Operator;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.FilterNode;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.IndexOnlyScanNode;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.SeqScanNode;

/**
 * The instrumentation of one EXPLAIN ANALYZE execution: a {@link NodeInstrumentation} per plan node, keyed by
 * the node's identity (plans are shared and immutable; equal records may be distinct nodes). The executor
 * asks it to {@link #wrap} each operator it builds and to count the filters of a node ({@link #counting});
 * EXPLAIN then reads the figures of each node with {@link #of}.
 */
public final class Instrumentation {
  private final boolean timing;
  private final boolean buffers;
  private final Map<PlanNode, NodeInstrumentation> nodes = new IdentityHashMap<>();

  /**
   * @param timing measure times (EXPLAIN's TIMING); rows and loops are always counted
   * @param buffers count shared buffer accesses per node (EXPLAIN's BUFFERS)
   */
  public Instrumentation(boolean timing, boolean buffers) {
    this.timing = timing;
    this.buffers = buffers;
  }

  /** The figures of {@code node}, or null if no operator was built for it. */
  public NodeInstrumentation of(PlanNode node) { return nodes.get(node); }

  private NodeInstrumentation node(PlanNode node) {
    return nodes.computeIfAbsent(node, n -> new NodeInstrumentation(timing, buffers));
  }

  /** {@code op}, the operator built for {@code node}, with its calls timed and counted. */
  public Operator wrap(PlanNode node, Operator op) { return new InstrumentedOperator(op, node(node)); }

  /**
   * The node to build the operator from: {@code node} itself, or a copy whose filter and join filter count the
   * rows they reject (for {@code Rows Removed by Filter} and {@code by Join Filter}) into {@code node}'s figures.
   */
  public PlanNode counting(PlanNode node) {
    return switch (node) {
      case SeqScanNode n when n.filter() != null ->
          new SeqScanNode(n.table(), count(n, n.filter(), false), n.withTid(), n.filterColumns());
      case IndexScanNode n when n.filter() != null -> n.withFilter(count(n, n.filter(), false));
      case IndexOnlyScanNode o when o.scan().filter() != null -> {
        IndexScanNode n = o.scan();
        yield new IndexOnlyScanNode(n.withFilter(count(o, n.filter(), false)));
      }
      case FilterNode n -> new FilterNode(n.input(), count(n, n.predicate(), false));
      case NestedLoopJoinNode n when n.condition() != null ->
          new NestedLoopJoinNode(n.left(), n.right(), n.joinType(), count(n, n.condition(), true), n.params());
      case HashJoinNode n when n.residual() != null -> new HashJoinNode(n.left(), n.right(), n.joinType(),
          n.leftKeys(), n.rightKeys(), count(n, n.residual(), true));
      case org.minidb.executor.plan.MergeJoinNode n when n.residual() != null ->
          new org.minidb.executor.plan.MergeJoinNode(n.left(), n.right(), n.joinType(), n.leftKeys(), n.rightKeys(),
              count(n, n.residual(), true));
      default -> node;
    };
  }

  private Expr count(PlanNode node, Expr predicate, boolean join) {
    return new CountingPredicate(predicate, node(node), join);
  }
}
