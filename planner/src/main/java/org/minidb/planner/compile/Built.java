package org.minidb.planner.compile;

import java.util.List;
import org.minidb.executor.plan.PlanNode;
import org.minidb.planner.explain.ExplainNode;

/**
 * A converted subtree: the executor node, how EXPLAIN shows it, and the display name of each output column
 * (for rendering the expressions of the nodes above). The explain node is linked to {@code node}: subtrees are
 * built inside out, so an explain node reused above (a projection or filter folded into it) ends up linked to
 * the outermost executor node it stands for, where its rows come out (see ExplainNode).
 */
record Built(PlanNode node, ExplainNode explain, List<String> names) {
  Built {
    if (explain != null) explain = explain.withPlan(node);
  }
}
