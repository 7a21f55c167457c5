package org.minidb.planner.join;

import java.util.ArrayList;
import java.util.List;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.explain.Estimate;

/**
 * The cheapest order of a {@link JoinGraph}'s inner joins. Up to {@link #EXHAUSTIVE_LIMIT} factors (PostgreSQL's
 * geqo_threshold), dynamic programming over all subsets (standard_join_search with bushy trees): the best plan of
 * every set of factors from the best plans of each split of it in two, both ways round (the right side is the
 * hashed or inner one); a split must be joined by a condition unless no split of the whole query is. Beyond that,
 * a greedy search (Greedy Operator Ordering): join the pair of partial plans whose join is cheapest, preferring
 * pairs a condition connects, until one is left; its time grows with the cube of the factors.
 *
 * <p>Each pair is costed as a hash join or a merge join of sorted inputs (where an equality joins them) or a
 * nested loop, whichever is cheapest,
 * with the cost model's formulas; the rows of a set of factors are the product of theirs and of the
 * selectivities of the conjuncts within it, whatever the order.
 */
final class JoinSearch {
  static final int EXHAUSTIVE_LIMIT = 12;

  /** A plan for a set of factors: a leaf (left 0) or the join of {@code left} (outer) and the rest (inner). */
  record Plan(long mask, long left, Estimate estimate) {
    long right() { return mask & ~left; }
  }

  private final JoinGraph graph;
  private final int n;
  private final double[] leafRows;
  private final int[] leafWidth;
  private final IndexNestLoopCosts indexLoops;

  JoinSearch(JoinGraph graph) {
    this.graph = graph;
    this.n = graph.factors.size();
    this.leafRows = new double[n];
    this.leafWidth = new int[n];
    for (int f = 0; f < n; f++) {
      double rows = graph.estimates.get(f).rows();
      for (JoinGraph.Conjunct c : graph.conjuncts) if (c.factors() == 1L << f) rows *= c.selectivity();
      leafRows[f] = CostModel.clampRows(rows);
      leafWidth[f] = graph.estimates.get(f).width();
    }
    this.indexLoops = new IndexNestLoopCosts(graph, leafRows);
  }

  /** The best plan of all factors, with the plans of its parts reachable through {@link #plans}. */
  java.util.Map<Long, Plan> search() {
    return n <= EXHAUSTIVE_LIMIT ? exhaustive() : greedy();
  }

  private Plan leaf(int f) {
    Estimate e = graph.estimates.get(f);
    return new Plan(1L << f, 0, new Estimate(e.startupCost(), e.totalCost(), leafRows[f], leafWidth[f]));
  }

  private java.util.Map<Long, Plan> exhaustive() {
    Plan[] best = dp(true);
    long all = (1L << n) - 1;
    if (best[(int) all] == null) best = dp(false); // disconnected: cross products are needed somewhere
    java.util.Map<Long, Plan> plans = new java.util.HashMap<>();
    for (Plan p : best) if (p != null) plans.put(p.mask(), p);
    return plans;
  }

  private Plan[] dp(boolean connectedOnly) {
    int size = 1 << n;
    Plan[] best = new Plan[size];
    double[] rows = new double[size];
    for (int f = 0; f < n; f++) best[1 << f] = leaf(f);
    for (int s = 1; s < size; s++) {
      if (Integer.bitCount(s) < 2) continue;
      rows[s] = rows(s);
      // Each split once per orientation: l runs over the non-empty proper subsets of s.
      for (int l = (s - 1) & s; l > 0; l = (l - 1) & s) {
        int r = s & ~l;
        if (best[l] == null || best[r] == null) continue;
        if (connectedOnly && !graph.connected(l, r)) continue;
        Estimate e = join(best[l], best[r], rows[s]);
        if (best[s] == null || e.totalCost() < best[s].estimate().totalCost()) best[s] = new Plan(s, l, e);
      }
    }
    return best;
  }

  private java.util.Map<Long, Plan> greedy() {
    java.util.Map<Long, Plan> plans = new java.util.HashMap<>();
    List<Plan> parts = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      parts.add(leaf(f));
      plans.put(1L << f, parts.getLast());
    }
    while (parts.size() > 1) {
      Plan best = null;
      boolean bestConnected = false;
      int bi = -1;
      int bj = -1;
      for (int i = 0; i < parts.size(); i++) {
        for (int j = 0; j < parts.size(); j++) {
          if (i == j) continue;
          Plan a = parts.get(i);
          Plan b = parts.get(j);
          boolean connected = graph.connected(a.mask(), b.mask());
          if (bestConnected && !connected) continue;
          Estimate e = join(a, b, rows(a.mask() | b.mask()));
          if (best == null || (connected && !bestConnected) || e.totalCost() < best.estimate().totalCost()) {
            best = new Plan(a.mask() | b.mask(), a.mask(), e);
            bestConnected = connected;
            bi = i;
            bj = j;
          }
        }
      }
      plans.put(best.mask(), best);
      parts.remove(Math.max(bi, bj));
      parts.remove(Math.min(bi, bj));
      parts.add(best);
    }
    return plans;
  }

  /** Rows of a set of factors: the product of theirs and of the selectivities of conditions among them. */
  double rows(long mask) {
    double r = 1;
    for (int f = 0; f < n; f++) if ((mask & (1L << f)) != 0) r *= leafRows[f];
    for (JoinGraph.Conjunct c : graph.conjuncts) {
      if (Long.bitCount(c.factors()) >= 2 && (c.factors() & ~mask) == 0) r *= c.selectivity();
    }
    return CostModel.clampRows(r);
  }

  /**
   * The cheapest of a hash join (where an equality joins the sides), a nested loop of outer and inner, and, when
   * the inner is one base relation with an index on the join keys, the nested loop over its parameterized Index
   * Scan.
   */
  private Estimate join(Plan outer, Plan inner, double rows) {
    long s = outer.mask() | inner.mask();
    int hashKeys = 0;
    int ops = 0;
    for (JoinGraph.Conjunct c : graph.conjuncts) {
      long f = c.factors();
      if ((f & ~s) != 0 || (f & ~outer.mask()) == 0 || (f & ~inner.mask()) == 0) continue;
      if (c.equi()) hashKeys++;
      else ops += c.operators();
    }
    int width = outer.estimate().width() + inner.estimate().width();
    Estimate loop = CostModel.nestLoop(outer.estimate(), inner.estimate(), ops + hashKeys, rows, width);
    if (hashKeys == 0) return loop;
    Estimate hash = CostModel.hashJoin(outer.estimate(), inner.estimate(), hashKeys, ops, rows, width);
    Estimate best = hash.totalCost() <= loop.totalCost() ? hash : loop;
    Estimate merge = mergeJoin(outer, inner, hashKeys, ops, rows, width);
    if (merge.totalCost() < best.totalCost()) best = merge;
    Estimate indexed = indexLoops.cost(outer, inner.mask(), rows, width);
    return indexed != null && indexed.totalCost() < best.totalCost() ? indexed : best;
  }

  /**
   * A merge join of the pair on its equality keys, both inputs sorted first: the search does not know the orders
   * of partial plans (an index's order can make the builder's merge join cheaper than this, see
   * compile.MergeJoinBuilder).
   */
  private static Estimate mergeJoin(Plan outer, Plan inner, int mergeKeys, int ops, double rows, int width) {
    return CostModel.mergeJoin(CostModel.sort(outer.estimate(), -1), CostModel.sort(inner.estimate(), -1), mergeKeys,
        ops, rows, width);
  }
}
