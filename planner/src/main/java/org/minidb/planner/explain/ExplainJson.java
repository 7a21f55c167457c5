package org.minidb.planner.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minidb.executor.exec.instrument.Instrumentation;
import org.minidb.executor.exec.instrument.NodeInstrumentation;
import org.minidb.executor.exec.instrument.OperatorUsage;

/**
 * PostgreSQL's {@code FORMAT JSON}: one document, laid out and keyed as PostgreSQL 15 lays it out (two-space
 * indents, one member per line, lists of strings on one line), so that tools made for PostgreSQL's plans read
 * it. Keys MiniDB has no figure for (local and temp blocks) are written as PostgreSQL writes them when they are
 * zero.
 */
final class ExplainJson {
  private final StringBuilder out = new StringBuilder();
  private final ExplainOptions options;
  private final Instrumentation instr;
  /** Per open object or array: whether a member was written yet (for the commas). */
  private final List<Boolean> written = new ArrayList<>();

  private ExplainJson(ExplainOptions options, Instrumentation instr) {
    this.options = options;
    this.instr = instr;
  }

  /**
   * The document for {@code root}.
   *
   * @param instr the figures of EXPLAIN ANALYZE, or null
   * @param planningMs shown with SUMMARY
   * @param executionMs shown with ANALYZE and SUMMARY
   */
  static String render(ExplainNode root, ExplainOptions options, Instrumentation instr, double planningMs,
      double executionMs) {
    ExplainJson j = new ExplainJson(options, instr);
    j.out.append('[');
    j.written.add(false);
    j.open(null, '{');
    j.open("Plan", '{');
    j.node(root, null, null);
    j.close('}');
    if (options.summary()) j.member("Planning Time", ms(planningMs));
    if (options.analyze()) {
      j.open("Triggers", '[');
      j.close(']');
      if (options.summary()) j.member("Execution Time", ms(executionMs));
    }
    j.close('}');
    j.close(']');
    return j.out.toString();
  }

  private void node(ExplainNode e, ExplainNode parent, String relationship) {
    NodeTitle t = NodeTitle.parse(e.title());
    member("Node Type", quote(t.nodeType()));
    if (relationship != null) member("Parent Relationship", quote(relationship));
    strings(t.before());
    member("Parallel Aware", "false");
    member("Async Capable", "false");
    strings(t.after());
    if (options.costs() && e.estimate() != null) {
      Estimate est = e.estimate();
      member("Startup Cost", String.format(Locale.ROOT, "%.2f", est.startupCost()));
      member("Total Cost", String.format(Locale.ROOT, "%.2f", est.totalCost()));
      member("Plan Rows", String.format(Locale.ROOT, "%.0f", Math.rint(est.rows())));
      member("Plan Width", Integer.toString(est.width()));
    }
    ExplainFigures f = instr == null ? null : ExplainFigures.of(e, parent, instr);
    if (f != null) {
      if (options.timing()) {
        member("Actual Startup Time", ms(f.startupMs()));
        member("Actual Total Time", ms(f.totalMs()));
      }
      member("Actual Rows", ExplainText.whole(f.rows()));
      member("Actual Loops", Long.toString(f.loops()));
    }
    for (String d : e.details()) {
      int colon = d.indexOf(": ");
      if (colon < 0) continue;
      String key = d.substring(0, colon);
      String value = d.substring(colon + 2);
      if (key.endsWith(" Key")) {
        member(key, list(value));
      } else {
        member(key, quote(value));
      }
      if (f != null && key.equals("Filter")) {
        // PostgreSQL shows a HashAggregate's batches between its Filter and the rows that filter removed
        if (f.executed() && f.usage() instanceof OperatorUsage.HashAgg) usage(f.usage());
        member("Rows Removed by Filter", ExplainText.whole(f.filterPerLoop()));
      }
      if (f != null && key.equals("Join Filter")) {
        member("Rows Removed by Join Filter", ExplainText.whole(f.joinFilterPerLoop()));
      }
    }
    boolean shown = f != null && f.usage() instanceof OperatorUsage.HashAgg && e.details().stream()
        .anyMatch(d -> d.startsWith("Filter: "));
    if (f != null && f.executed() && !shown) usage(f.usage());
    if (f != null && options.buffers()) buffers(f.node());
    if (!e.children().isEmpty()) {
      open("Plans", '[');
      boolean append = t.nodeType().equals("Append");
      for (int i = 0; i < e.children().size(); i++) {
        open(null, '{');
        node(e.children().get(i), e, append ? "Member" : i == 0 ? "Outer" : "Inner");
        close('}');
      }
      close(']');
    }
  }

  private void usage(OperatorUsage u) {
    switch (u) {
      case null -> { }
      case OperatorUsage.Sort s -> {
        member("Sort Method", quote(s.method()));
        member("Sort Space Used", Long.toString(s.kilobytes()));
        member("Sort Space Type", quote(s.disk() ? "Disk" : "Memory"));
      }
      case OperatorUsage.HeapFetches h -> member("Heap Fetches", Long.toString(h.count()));
      case OperatorUsage.Hash h -> {
        member("Hash Buckets", Long.toString(h.buckets()));
        member("Original Hash Buckets", Long.toString(h.buckets()));
        member("Hash Batches", Long.toString(h.batches()));
        member("Original Hash Batches", Long.toString(h.batches()));
        member("Peak Memory Usage", Long.toString(h.kilobytes()));
      }
      case OperatorUsage.HashAgg a -> {
        member("HashAgg Batches", Long.toString(a.batches()));
        member("Peak Memory Usage", Long.toString(a.memoryKilobytes()));
        member("Disk Usage", Long.toString(a.diskKilobytes()));
      }
    }
  }

  private void buffers(NodeInstrumentation n) {
    long hit = n == null ? 0 : n.sharedHit();
    long read = n == null ? 0 : n.sharedRead();
    long dirtied = n == null ? 0 : n.sharedDirtied();
    long writtenBlocks = n == null ? 0 : n.sharedWritten();
    member("Shared Hit Blocks", Long.toString(hit));
    member("Shared Read Blocks", Long.toString(read));
    member("Shared Dirtied Blocks", Long.toString(dirtied));
    member("Shared Written Blocks", Long.toString(writtenBlocks));
    for (String k : List.of("Local Hit Blocks", "Local Read Blocks", "Local Dirtied Blocks", "Local Written Blocks",
        "Temp Read Blocks", "Temp Written Blocks")) {
      member(k, "0");
    }
  }

  private void strings(Map<String, String> fields) {
    for (Map.Entry<String, String> m : fields.entrySet()) member(m.getKey(), quote(m.getValue()));
  }

  private void member(String key, String json) {
    next();
    out.append('"').append(key).append("\": ").append(json);
  }

  private void open(String key, char bracket) {
    next();
    if (key != null) out.append('"').append(key).append("\": ");
    out.append(bracket);
    written.add(false);
  }

  private void close(char bracket) {
    written.removeLast();
    out.append('\n').append("  ".repeat(written.size())).append(bracket);
  }

  /** A comma after the previous member, then a new line indented to the depth. */
  private void next() {
    int last = written.size() - 1;
    if (written.get(last)) out.append(',');
    written.set(last, true);
    out.append('\n').append("  ".repeat(written.size()));
  }

  private static String ms(double v) { return String.format(Locale.ROOT, "%.3f", v); }

  /** A list of expressions ({@code Sort Key: a, b DESC}), split at the commas outside parentheses and quotes. */
  private static String list(String value) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\'') quoted = !quoted;
      else if (!quoted && c == '(') depth++;
      else if (!quoted && c == ')') depth--;
      else if (!quoted && depth == 0 && c == ',' && i + 1 < value.length() && value.charAt(i + 1) == ' ') {
        items.add(value.substring(start, i));
        start = i + 2;
      }
    }
    items.add(value.substring(start));
    return "[" + String.join(", ", items.stream().map(ExplainJson::quote).toList()) + "]";
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
