package org.minidb.planner.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a plan as EXPLAIN shows it: a title ({@code Seq Scan on t}), detail lines
 * ({@code Filter: (a = $1)}), children, and the planner's estimate (null until the planner computes one),
 * printed the way PostgreSQL prints them.
 */
public record ExplainNode(String title, List<String> details, List<ExplainNode> children, Estimate estimate) {
  public ExplainNode(String title, List<String> details, List<ExplainNode> children) {
    this(title, details, children, null);
  }

  public static ExplainNode of(String title, List<String> details, ExplainNode... children) {
    return new ExplainNode(title, List.copyOf(details), List.of(children));
  }

  /** This node with the planner's estimate attached. */
  public ExplainNode withEstimate(Estimate e) {
    return new ExplainNode(title, details, children, e);
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
    List<String> lines = new ArrayList<>();
    render(lines, 0, false, costs);
    return List.copyOf(lines);
  }

  private void render(List<String> lines, int indent, boolean arrow, boolean costs) {
    String pad = " ".repeat(indent);
    String head = costs && estimate != null ? title + "  " + estimate.text() : title;
    lines.add(arrow ? pad + "->  " + head : pad + head);
    int inner = arrow ? indent + 6 : indent + 2;
    for (String d : details) lines.add(" ".repeat(inner) + d);
    int childIndent = arrow ? indent + 6 : indent + 2;
    for (ExplainNode c : children) c.render(lines, childIndent, true, costs);
  }
}
