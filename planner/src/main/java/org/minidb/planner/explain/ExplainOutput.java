package org.minidb.planner.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.minidb.executor.exec.instrument.Instrumentation;

/**
 * What EXPLAIN returns, as rows of its one column: in text, a row per line of the plan followed by the summary
 * ({@code Planning Time:}, and with ANALYZE {@code Execution Time:}); in JSON, one row holding the document.
 */
public final class ExplainOutput {
  private ExplainOutput() {}

  /**
   * @param instr the figures of EXPLAIN ANALYZE, or null for plain EXPLAIN
   * @param executionNanos the statement's execution time (ANALYZE only)
   */
  public static List<String> rows(ExplainNode root, ExplainOptions options, Instrumentation instr, long planningNanos,
      long executionNanos) {
    double planningMs = planningNanos / 1e6;
    double executionMs = executionNanos / 1e6;
    if (options.json()) return List.of(ExplainJson.render(root, options, instr, planningMs, executionMs));
    List<String> lines = new ArrayList<>(ExplainText.render(root, options, instr));
    if (options.summary()) {
      lines.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", planningMs));
      if (options.analyze()) lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", executionMs));
    }
    return List.copyOf(lines);
  }
}
