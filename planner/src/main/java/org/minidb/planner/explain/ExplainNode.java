package org.minidb.planner.explain;

import java.util.ArrayList;
import java.util.List;
import org.minidb.executor.plan.PlanNode;

/**
 * One node of a plan as EXPLAIN shows it: a title ({@code Seq Scan on t}), detail lines
 * ({@code Filter: (a = $1)}), children, the planner's estimate (null until the planner computes one), printed
 * the way PostgreSQL prints them, and the executor node whose rows this node shows ({@code plan}; null where
 * none was linked).
 *
 * <p>The link is what EXPLAIN ANALYZE reads actual figures by: PostgreSQL folds projections and filters into the
 * node below, so one ExplainNode may stand for a chain of executor nodes; {@code plan} is the outermost of them
 * (where its rows come out), and the executor nodes between it and its children's links are the ones folded
 * into it (their filters count into its {@code Rows Removed by Filter}). A {@code Hash} node links to the plan of
 * its input: its rows are its input's, its hash table figures are its parent Hash Join's.
 */
public record ExplainNode(String title, List<String> details, List<ExplainNode> children, Estimate estimate,
    PlanNode plan) {
  public ExplainNode(String title, List<String> details, List<ExplainNode> children) {
    this(title, details, children, null, null);
  }

  public ExplainNode(String title, List<String> details, List<ExplainNode> children, Estimate estimate) {
    this(title, details, children, estimate, null);
  }

  public static ExplainNode of(String title, List<String> details, ExplainNode... children) {
    return new ExplainNode(title, List.copyOf(details), List.of(children));
  }

  /** This node with the planner's estimate attached. */
  public ExplainNode withEstimate(Estimate e) {
    return new ExplainNode(title, details, children, e, plan);
  }

  /** This node showing the rows of the executor node {@code p} (see the class comment). */
  public ExplainNode withPlan(PlanNode p) {
    return p == plan ? this : new ExplainNode(title, details, children, estimate, p);
  }

  /** PostgreSQL's text format without costs ({@code COSTS off}). */
  public List<String> render() {
    return render(false);
  }

  /**
   * PostgreSQL's text format: children under {@code ->}, details indented below titles, and with
   * {@code costs} each title followed by its estimate when the planner made one.
   */
  public List<String> render(boolean costs) {
    return ExplainText.render(this, ExplainOptions.plain(costs), null);
  }
}
