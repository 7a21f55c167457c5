package org.minidb.planner.compile;

import java.util.List;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.explain.Estimate;

/**
 * The order a consumer would like a subtree's rows in (PostgreSQL's query_pathkeys / a merge join's or sorted
 * aggregate's input pathkeys), and how many of them it will read ({@code limit}, -1 for all: a LIMIT above makes
 * a plan with a cheap start worth more). A subtree built with a Want returns its cheapest plan counting a Sort on
 * top of the plans that do not come out in that order; the consumer adds the Sort where the result is not in
 * order ({@link Built#order()}).
 */
record Want(List<OrderKey> keys, double limit) {
  Want {
    keys = List.copyOf(keys);
  }

  /**
   * What a plan costs the consumer: its total cost, or with a limit its startup cost plus the fraction of its run
   * the limited rows take (PostgreSQL's compare_fractional_path_costs).
   */
  double cost(Estimate e) {
    if (limit < 0 || e.rows() <= 0) return e.totalCost();
    double fraction = Math.min(1, limit / Math.max(e.rows(), 1));
    return e.startupCost() + fraction * (e.totalCost() - e.startupCost());
  }

  /** The cost of a plan that is not in order: a Sort above it (bounded under a LIMIT) and then its rows. */
  double costSorted(Estimate e) {
    return cost(CostModel.sort(e, limit));
  }

  /** PostgreSQL's STD_FUZZ_FACTOR: costs within 1% are the same to add_path, which then keeps the ordered path. */
  static final double FUZZ = 1.01;

  /**
   * Whether {@code ordered} (a plan with a useful order) is, as compare_path_costs_fuzzily sees it, no worse than
   * {@code unordered}: startup and total cost each within {@link #FUZZ} of the other's.
   */
  static boolean fuzzilyNotWorse(Estimate ordered, Estimate unordered) {
    return ordered.totalCost() <= unordered.totalCost() * FUZZ
        && ordered.startupCost() <= unordered.startupCost() * FUZZ;
  }

  /** The cost of a plan with a given order: as is when it satisfies the Want, else sorted first. */
  double costOf(Estimate e, List<OrderKey> order) {
    return OrderKey.satisfies(order, keys) ? cost(e) : costSorted(e);
  }
}
