package org.minidb.planner.compile;

import java.util.List;
import org.minidb.executor.plan.PlanNode;
import org.minidb.planner.explain.ExplainNode;

/**
 * A converted subtree: the executor node, how EXPLAIN shows it, the display name of each output column (for
 * rendering the expressions of the nodes above) and the order its rows come out in ({@link OrderKey}s over its
 * output columns; empty when it promises none). The explain node is linked to {@code node}: subtrees are built
 * inside out, so an explain node reused above (a projection or filter folded into it) ends up linked to the
 * outermost executor node it stands for, where its rows come out (see ExplainNode).
 */
record Built(PlanNode node, ExplainNode explain, List<String> names, List<OrderKey> order) {
  Built {
    if (explain != null) explain = explain.withPlan(node);
    order = order == null ? List.of() : List.copyOf(order);
  }

  /** A subtree whose rows come in no particular order. */
  Built(PlanNode node, ExplainNode explain, List<String> names) { this(node, explain, names, List.of()); }

  /** The same subtree with a known output order. */
  Built ordered(List<OrderKey> order) { return new Built(node, explain, names, order); }
}
