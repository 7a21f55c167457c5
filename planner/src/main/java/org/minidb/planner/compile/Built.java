package org.minidb.planner.compile;

import java.util.List;
import org.minidb.executor.plan.PlanNode;
import org.minidb.planner.explain.ExplainNode;

/**
 * A converted subtree: the executor node, how EXPLAIN shows it, and the display name of each output column
 * (for rendering the expressions of the nodes above).
 */
record Built(PlanNode node, ExplainNode explain, List<String> names) {}
