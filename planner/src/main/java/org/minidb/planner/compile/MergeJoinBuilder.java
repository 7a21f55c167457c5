package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexNode;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.MergeJoinNode;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.cost.Operators;
import org.minidb.planner.cost.Widths;
import org.minidb.planner.explain.Estimate;
import org.minidb.planner.explain.ExplainNode;

/**
 * The merge join alternative of a join (PostgreSQL's sort_inner_and_outer / match_unsorted_outer, simplified):
 * on the equality keys, both inputs in ascending key order, each taken as it is when it already comes out in that
 * order, else as an index scan in that order when the input is a scan and that is cheaper than sorting it, else
 * sorted. The join builder weighs it against the hash join and the nested loop.
 */
final class MergeJoinBuilder {
  private final PlanBuilder plans;

  MergeJoinBuilder(PlanBuilder plans) { this.plans = plans; }

  /**
   * The merge join of the built inputs, or null when the join cannot be one (no equality keys, semi/anti). An
   * inner join whose wanted order is on columns of its right input is also tried the other way round (the right
   * input outer, columns put back by a projection), PostgreSQL's choice of the outer path by its pathkeys.
   */
  Built build(Join j, Built left, Built right, JoinType type, RexNode condition, List<String> names, double rows,
      Want want) {
    Built merge = build(j.getLeft(), j.getRight(), left, right, type, condition, names, rows);
    int leftWidth = left.node().outputTypes().size();
    if (merge == null || type != JoinType.INNER || want == null || OrderKey.satisfies(merge.order(), want.keys())
        || want.keys().stream().anyMatch(k -> k.column() < leftWidth)) {
      return merge;
    }
    int rightWidth = right.node().outputTypes().size();
    List<String> swappedNames = new ArrayList<>(right.names());
    swappedNames.addAll(left.names());
    Built swapped = build(j.getRight(), j.getLeft(), right, left, type,
        JoinBuilder.swap(condition, leftWidth, rightWidth), swappedNames, rows);
    if (swapped == null) return merge;
    swapped = JoinBuilder.unswap(swapped, leftWidth, rightWidth, names);
    return JoinBuilder.cheaper(swapped, merge, want) ? swapped : merge;
  }

  private Built build(RelNode leftRel, RelNode rightRel, Built left, Built right, JoinType type, RexNode condition,
      List<String> names, double rows) {
    if (type == JoinType.SEMI || type == JoinType.ANTI) return null;
    int leftWidth = left.node().outputTypes().size();
    EquiJoinKeys keys = EquiJoinKeys.of(plans.rexBuilder(), leftWidth, condition);
    if (keys.isEmpty() || !JoinBuilder.sameKeyTypes(keys, left.node(), right.node())) return null;
    List<OrderKey> leftOrder = OrderKey.ascending(keys.leftKeys());
    Built outer = input(leftRel, left, leftOrder);
    Built inner = input(rightRel, right, OrderKey.ascending(keys.rightKeys()));
    RexNode remaining = keys.remaining();
    boolean residual = !remaining.isAlwaysTrue();
    Expr compiled = residual ? plans.compiler().compile(remaining) : null;
    List<String> conds = new ArrayList<>();
    for (int i = 0; i < keys.leftKeys().length; i++) {
      conds.add("(" + names.get(keys.leftKeys()[i]) + " = " + names.get(leftWidth + keys.rightKeys()[i]) + ")");
    }
    List<String> details = new ArrayList<>();
    details.add("Merge Cond: " + (conds.size() == 1 ? conds.get(0) : "(" + String.join(" AND ", conds) + ")"));
    if (residual) details.add("Join Filter: " + plans.renderer(names).render(remaining));
    Estimate o = PlanBuilder.estimate(outer);
    Estimate i = PlanBuilder.estimate(inner);
    Estimate cost = o == null || i == null ? null : CostModel.mergeJoin(o, i, keys.leftKeys().length,
        Operators.count(residual ? remaining : null), rows,
        Widths.of(left.node().outputTypes()) + Widths.of(right.node().outputTypes()));
    ExplainNode e = ExplainNode.of(JoinBuilder.joinTitle("Merge", type), details, outer.explain(), inner.explain())
        .withEstimate(cost);
    // Rows come out in the outer keys' order, except the unmatched inner rows of RIGHT and FULL joins (NULL outer
    // keys in the middle of the order).
    List<OrderKey> order = type == JoinType.INNER || type == JoinType.LEFT ? leftOrder : List.of();
    return new Built(new MergeJoinNode(outer.node(), inner.node(), type, keys.leftKeys(), keys.rightKeys(), compiled),
        e, names, order);
  }

  /** An input in {@code order}: as built, an index-ordered build of a scan, or sorted. */
  private Built input(RelNode rel, Built plain, List<OrderKey> order) {
    if (OrderKey.satisfies(plain.order(), order)) return plain;
    if (PlanBuilder.scanLike(rel)) {
      Built ordered = plans.rebuild(rel, plain, new Want(order, -1));
      if (OrderKey.satisfies(ordered.order(), order)) return ordered;
    }
    return plans.sorted(plain, order, -1);
  }
}
