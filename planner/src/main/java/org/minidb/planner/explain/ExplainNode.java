package org.minidb.planner.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a plan as EXPLAIN shows it: a title ({@code Seq Scan on t}), detail lines
 * ({@code Filter: (a = $1)}) and children, printed the way PostgreSQL prints them.
 */
public record ExplainNode(String title, List<String> details, List<ExplainNode> children) {
  public static ExplainNode of(String title, List<String> details, ExplainNode... children) {
    return new ExplainNode(title, List.copyOf(details), List.of(children));
  }

  /** PostgreSQL's text format (without costs): children under {@code ->}, details indented below titles. */
  public List<String> render() {
    List<String> lines = new ArrayList<>();
    render(lines, 0, false);
    return List.copyOf(lines);
  }

  private void render(List<String> lines, int indent, boolean arrow) {
    String pad = " ".repeat(indent);
    lines.add(arrow ? pad + "->  " + title : pad + title);
    int inner = arrow ? indent + 6 : indent + 2;
    for (String d : details) lines.add(" ".repeat(inner) + d);
    int childIndent = arrow ? indent + 6 : indent + 2;
    for (ExplainNode c : children) c.render(lines, childIndent, true);
  }
}
