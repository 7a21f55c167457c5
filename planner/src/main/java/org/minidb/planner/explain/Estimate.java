package org.minidb.planner.explain;

/**
 * The planner's estimate for one plan node, as PostgreSQL's EXPLAIN prints it:
 * {@code (cost=startup..total rows=n width=w)}. Costs are in PostgreSQL's units (seq_page_cost = 1.0);
 * {@code rows} is per execution of the node (per loop), {@code width} the average output row width in bytes.
 */
public record Estimate(double startupCost, double totalCost, double rows, int width) {
  /** PostgreSQL's text: two decimals for costs, rows rounded to a whole number (at least 1 unless zero). */
  public String text() {
    return String.format(java.util.Locale.ROOT, "(cost=%.2f..%.2f rows=%d width=%d)", startupCost, totalCost,
        Math.round(rows), width);
  }
}
