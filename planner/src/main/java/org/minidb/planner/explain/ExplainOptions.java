package org.minidb.planner.explain;

/**
 * The options of one EXPLAIN, with PostgreSQL's defaults already applied: TIMING and SUMMARY default to
 * ANALYZE, COSTS to on, the rest to off.
 *
 * @param format {@code text} or {@code json} (xml and yaml are refused before this is built)
 */
public record ExplainOptions(boolean analyze, boolean verbose, boolean costs, boolean buffers, boolean timing,
    boolean summary, String format) {

  /** Plain EXPLAIN in text, with or without costs. */
  public static ExplainOptions plain(boolean costs) {
    return new ExplainOptions(false, false, costs, false, false, false, "text");
  }

  public boolean json() { return "json".equals(format); }
}
