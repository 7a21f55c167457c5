package org.minidb.planner.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.minidb.executor.exec.instrument.Instrumentation;
import org.minidb.executor.exec.instrument.NodeInstrumentation;
import org.minidb.executor.exec.instrument.OperatorUsage;

/**
 * PostgreSQL's text format of a plan: children under {@code ->}, details indented below titles, the estimate
 * after the title with COSTS ({@code "  (cost=...)"}), and with ANALYZE the actual figures after that
 * ({@code " (actual time=a..b rows=n loops=l)"}, {@code " (never executed)"}), {@code Rows Removed by Filter:}
 * after the filter it counts, a Sort's method, a Hash's table, and {@code Buffers:} with BUFFERS.
 */
final class ExplainText {
  private ExplainText() {}

  /** The lines of {@code root}'s tree; {@code instr} is null without ANALYZE. */
  static List<String> render(ExplainNode root, ExplainOptions options, Instrumentation instr) {
    List<String> lines = new ArrayList<>();
    render(lines, root, null, 0, false, options, instr);
    return List.copyOf(lines);
  }

  private static void render(List<String> lines, ExplainNode e, ExplainNode parent, int indent, boolean arrow,
      ExplainOptions options, Instrumentation instr) {
    String pad = " ".repeat(indent);
    StringBuilder head = new StringBuilder(e.title());
    if (options.costs() && e.estimate() != null) head.append("  ").append(e.estimate().text());
    ExplainFigures f = instr == null ? null : ExplainFigures.of(e, parent, instr);
    if (f != null) head.append(actual(f, options));
    lines.add(arrow ? pad + "->  " + head : pad + head);
    String inner = " ".repeat(arrow ? indent + 6 : indent + 2);
    boolean executed = f != null && f.executed();
    // PostgreSQL shows a HashAggregate's batches between its Filter and the rows that filter removed
    boolean aggregate = executed && f.usage() instanceof OperatorUsage.HashAgg;
    String removed = null;
    for (String d : e.details()) {
      lines.add(inner + d);
      if (!executed) continue;
      if (d.startsWith("Filter: ") && f.removedByFilter() > 0) {
        removed = inner + "Rows Removed by Filter: " + whole(f.filterPerLoop());
        if (!aggregate) {
          lines.add(removed);
          removed = null;
        }
      } else if (d.startsWith("Join Filter: ") && f.removedByJoinFilter() > 0) {
        lines.add(inner + "Rows Removed by Join Filter: " + whole(f.joinFilterPerLoop()));
      }
    }
    if (executed) {
      String usage = usage(f.usage());
      if (usage != null) lines.add(inner + usage);
      if (removed != null) lines.add(removed);
      if (options.buffers()) {
        String buffers = buffers(f.node());
        if (buffers != null) lines.add(inner + buffers);
      }
    }
    int childIndent = arrow ? indent + 6 : indent + 2;
    for (ExplainNode c : e.children()) render(lines, c, e, childIndent, true, options, instr);
  }

  private static String actual(ExplainFigures f, ExplainOptions options) {
    if (!f.executed()) return " (never executed)";
    if (options.timing()) {
      return String.format(Locale.ROOT, " (actual time=%.3f..%.3f rows=%s loops=%d)", f.startupMs(), f.totalMs(),
          whole(f.rows()), f.loops());
    }
    return " (actual rows=" + whole(f.rows()) + " loops=" + f.loops() + ")";
  }

  static String whole(double v) { return String.format(Locale.ROOT, "%.0f", v); }

  private static String usage(OperatorUsage u) {
    return switch (u) {
      case null -> null;
      case OperatorUsage.Sort s -> "Sort Method: " + s.method() + "  " + (s.disk() ? "Disk" : "Memory") + ": "
          + s.kilobytes() + "kB";
      case OperatorUsage.HeapFetches h -> "Heap Fetches: " + h.count();
      case OperatorUsage.Hash h -> "Buckets: " + h.buckets() + "  Batches: " + h.batches() + "  Memory Usage: "
          + h.kilobytes() + "kB";
      case OperatorUsage.HashAgg a -> "Batches: " + a.batches() + "  Memory Usage: " + a.memoryKilobytes() + "kB"
          + (a.diskKilobytes() > 0 ? "  Disk Usage: " + a.diskKilobytes() + "kB" : "");
    };
  }

  /** PostgreSQL's {@code Buffers: shared hit=h read=r dirtied=d written=w}, zero parts left out; null if all are. */
  private static String buffers(NodeInstrumentation n) {
    StringBuilder b = new StringBuilder();
    if (n.sharedHit() > 0) b.append(" hit=").append(n.sharedHit());
    if (n.sharedRead() > 0) b.append(" read=").append(n.sharedRead());
    if (n.sharedDirtied() > 0) b.append(" dirtied=").append(n.sharedDirtied());
    if (n.sharedWritten() > 0) b.append(" written=").append(n.sharedWritten());
    return b.isEmpty() ? null : "Buffers: shared" + b;
  }
}
