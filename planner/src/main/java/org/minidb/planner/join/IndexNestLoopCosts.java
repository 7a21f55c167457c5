package org.minidb.planner.join;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.minidb.planner.compile.IndexNestLoop;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.explain.Estimate;

/**
 * The index nested loop alternative of the join search: a join whose inner side is one factor, a base relation
 * with an index whose leading keys the equalities joining it to the outer side bound, costed as a Nested Loop
 * over that index's parameterized scan (one per outer row, cost_index with loop_count). The index path of a
 * factor and a set of its key columns is found once and kept.
 */
final class IndexNestLoopCosts {
  private final JoinGraph graph;
  private final double[] leafRows;
  private final RexBuilder rexBuilder;
  /** Paths by factor and inner key columns; absent entries are looked up, null values mean no path. */
  private final Map<String, IndexNestLoop.Path> paths = new HashMap<>();
  private final IndexNestLoop.Inner[] inners;
  private final boolean[] innerKnown;

  IndexNestLoopCosts(JoinGraph graph, double[] leafRows) {
    this.graph = graph;
    this.leafRows = leafRows;
    this.rexBuilder = graph.factors.get(0).getCluster().getRexBuilder();
    this.inners = new IndexNestLoop.Inner[graph.factors.size()];
    this.innerKnown = new boolean[graph.factors.size()];
  }

  /** The index nested loop of {@code outer} and the single factor {@code innerMask}, or null when there is none. */
  Estimate cost(JoinSearch.Plan outer, long innerMask, double rows, int width) {
    if (Long.bitCount(innerMask) != 1 || graph.cardinality == null) return null;
    int f = Long.numberOfTrailingZeros(innerMask);
    IndexNestLoop.Inner inner = inner(f);
    if (inner == null) return null;
    List<Integer> innerColumns = new ArrayList<>();
    List<RelDataType> outerTypes = new ArrayList<>();
    List<Double> selectivities = new ArrayList<>();
    int otherOps = 0;
    long s = outer.mask() | innerMask;
    for (JoinGraph.Conjunct c : graph.conjuncts) {
      long cf = c.factors();
      if ((cf & ~s) != 0 || (cf & innerMask) == 0 || (cf & outer.mask()) == 0) continue;
      int[] pair = c.equi() ? JoinGraph.equiPair(c.condition()) : null;
      if (pair == null) {
        otherOps += c.operators();
        continue;
      }
      int innerField = graph.factorOf(pair[0]) == f ? pair[0] : pair[1];
      int outerField = innerField == pair[0] ? pair[1] : pair[0];
      int of = graph.factorOf(outerField);
      int column = inner.column(innerField - graph.offsets.get(f));
      if (column < 0) {
        otherOps += c.operators();
        continue;
      }
      innerColumns.add(column);
      outerTypes.add(graph.factors.get(of).getRowType().getFieldList().get(outerField - graph.offsets.get(of))
          .getType());
      selectivities.add(c.selectivity());
    }
    if (innerColumns.isEmpty()) return null;
    int[] columns = innerColumns.stream().mapToInt(Integer::intValue).toArray();
    String key = f + ":" + innerColumns + ":" + outerTypes;
    IndexNestLoop.Path path;
    if (paths.containsKey(key)) {
      path = paths.get(key);
    } else {
      path = IndexNestLoop.find(inner, columns, outerTypes, rexBuilder);
      paths.put(key, path);
    }
    if (path == null) return null;
    double[] keySelectivity = selectivities.stream().mapToDouble(Double::doubleValue).toArray();
    // Join keys the index does not take stay as a join filter of the loop.
    for (int k = 0; k < columns.length; k++) if (!path.keyUsed()[k]) otherOps++;
    Estimate perLoop = IndexNestLoop.perLoop(path, keySelectivity, leafRows[f], outer.estimate().rows(),
        graph.cardinality, rexBuilder);
    return CostModel.parameterizedNestLoop(outer.estimate(), perLoop, otherOps, false, rows, width);
  }

  /**
   * Factor {@code f} as a base relation with indexes, under its restrictions (its own conjuncts of the graph
   * included); null when it is not one.
   */
  private IndexNestLoop.Inner inner(int f) {
    if (!innerKnown[f]) {
      innerKnown[f] = true;
      List<RexNode> own = new ArrayList<>();
      for (JoinGraph.Conjunct c : graph.conjuncts) {
        if (c.factors() == 1L << f) own.add(RexUtil.shift(c.condition(), -graph.offsets.get(f)));
      }
      IndexNestLoop.Inner inner = IndexNestLoop.Inner.of(graph.factors.get(f),
          own.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, own), rexBuilder);
      // A table without indexes has no path: answered here once, not per pair of the search.
      inners[f] = inner == null || !inner.indexed() ? null : inner;
    }
    return inners[f];
  }
}
