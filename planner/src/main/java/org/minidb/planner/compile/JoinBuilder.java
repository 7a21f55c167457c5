package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.HashJoinNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.cost.Operators;
import org.minidb.planner.cost.Widths;
import org.minidb.planner.explain.Estimate;
import org.minidb.planner.explain.ExplainNode;
import org.minidb.planner.explain.RexRenderer;

/** Joins: hash join on equality keys of one type (RIGHT with its inputs swapped), nested loop otherwise. */
final class JoinBuilder {
  private final PlanBuilder plans;

  JoinBuilder(PlanBuilder plans) { this.plans = plans; }

  /**
   * A join under UPDATE/DELETE (a sub-query in WHERE): the target table is the left input, which carries the
   * tid; the joined row gets it moved to the end, after the right input's columns.
   */
  Built build(Join j, boolean withTid, Want want) {
    if (!withTid) return join(j, false, j.getCondition(), want);
    int leftWidth = j.getLeft().getRowType().getFieldCount();
    int rightWidth = j.getRight().getRowType().getFieldCount();
    // Inside the join the tid sits at leftWidth, so references to the right input move up by one.
    Built joined = join(j, true, RexUtil.shift(j.getCondition(), leftWidth, 1), null);
    List<Expr> exprs = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<DataType> in = joined.node().outputTypes();
    for (int i = 0; i < leftWidth + rightWidth + 1; i++) {
      int from = i < leftWidth ? i : i < leftWidth + rightWidth ? i + 1 : leftWidth;
      exprs.add(Exprs.column(from));
      types.add(in.get(from));
      names.add(joined.names().get(from));
    }
    return new Built(new ProjectNode(joined.node(), exprs, types), joined.explain(), names);
  }

  /** @param condition the join condition over the joined row as the nodes below produce it */
  private Built join(Join j, boolean leftWithTid, RexNode condition, Want want) {
    JoinType type = switch (j.getJoinType()) {
      case INNER -> JoinType.INNER;
      case LEFT -> JoinType.LEFT;
      case RIGHT -> JoinType.RIGHT;
      case FULL -> JoinType.FULL;
      case SEMI -> JoinType.SEMI;
      case ANTI -> JoinType.ANTI;
      default -> throw ExprCompiler.unsupported(j.getJoinType() + " join");
    };
    Built left = plans.build(j.getLeft(), leftWithTid);
    String innerAlias = innerAlias(j);
    Built right = plans.build(j.getRight(), false);
    List<String> names = new ArrayList<>(left.names());
    names.addAll(right.names());
    // Swapping would move the tid of an UPDATE/DELETE source: such joins stay on the nested loop.
    double rows = plans.cardinality().rows(j);
    if (leftWithTid && (type == JoinType.RIGHT || type == JoinType.FULL)) {
      return nestedLoop(left, right, type, condition, names, rows);
    }
    Built chosen = join(left, right, type, condition, names, rows);
    if (!leftWithTid) {
      Built merge = new MergeJoinBuilder(plans).build(j, left, right, type, condition, names, rows, want);
      if (merge != null && cheaper(merge, chosen, want)) chosen = merge;
    }
    if (innerAlias == null) return chosen;
    Built indexed = new IndexNestLoopBuilder(plans).build(j, innerAlias, left, type, condition, names, rows);
    return indexed != null && cheaper(indexed, chosen, want) ? indexed : chosen;
  }

  /** The alias the right input's scan will get, when it is a base relation (an index nested loop's inner). */
  private String innerAlias(Join j) {
    IndexNestLoop.Inner inner = IndexNestLoop.Inner.of(j.getRight(), null, plans.rexBuilder());
    return inner == null ? null : plans.aliases().peek(inner.def().name());
  }

  /** Whether {@code a} costs less than {@code b} to a consumer that wants {@code want} (null: any order). */
  static boolean cheaper(Built a, Built b, Want want) {
    Estimate x = PlanBuilder.estimate(a);
    Estimate y = PlanBuilder.estimate(b);
    if (x == null || y == null) return false;
    if (want == null) return x.totalCost() < y.totalCost();
    return want.costOf(x, a.order()) < want.costOf(y, b.order());
  }

  /**
   * A hash join where the condition has equality keys and a hash join is cheaper than a nested loop (which
   * wins when one side is a handful of rows), the nested loop otherwise.
   */
  private Built join(Built left, Built right, JoinType type, RexNode condition, List<String> names, double rows) {
    RexRenderer r = plans.renderer(names);
    int leftWidth = left.node().outputTypes().size();
    EquiJoinKeys keys = EquiJoinKeys.of(plans.rexBuilder(), leftWidth, condition);
    // The executor's hash join does INNER, LEFT, SEMI and ANTI; a RIGHT join hashes the left input instead
    // (a LEFT join with the inputs swapped), a FULL join takes the nested loop.
    if (!keys.isEmpty() && type != JoinType.FULL && sameKeyTypes(keys, left.node(), right.node())) {
      if (type == JoinType.RIGHT) return swappedHashJoin(left, right, condition, names, rows);
      RexNode remaining = keys.remaining();
      Estimate hash = estimate(left, right, (o, i) -> CostModel.hashJoin(o, i, keys.leftKeys().length,
          Operators.count(remaining.isAlwaysTrue() ? null : remaining), rows, width(left, right)));
      Estimate loop = estimate(left, right, (o, i) -> CostModel.nestLoop(o, i, Operators.count(condition), rows,
          width(left, right)));
      if (hash != null && loop != null && loop.totalCost() < hash.totalCost()) {
        return nestedLoop(left, right, type, condition, names, rows);
      }
      Expr residual = remaining.isAlwaysTrue() ? null : plans.compiler().compile(remaining);
      List<String> conds = new ArrayList<>();
      for (int i = 0; i < keys.leftKeys().length; i++) {
        conds.add("(" + names.get(keys.leftKeys()[i]) + " = " + names.get(leftWidth + keys.rightKeys()[i]) + ")");
      }
      List<String> details = new ArrayList<>();
      details.add("Hash Cond: " + (conds.size() == 1 ? conds.get(0) : "(" + String.join(" AND ", conds) + ")"));
      if (residual != null) details.add("Join Filter: " + r.render(remaining));
      Estimate inner = PlanBuilder.estimate(right);
      ExplainNode e = ExplainNode.of(joinTitle("Hash", type), details, left.explain(),
          ExplainNode.of("Hash", List.of(), right.explain()).withPlan(right.node())
              .withEstimate(inner == null ? null : CostModel.hash(inner))).withEstimate(hash);
      return new Built(new HashJoinNode(left.node(), right.node(), type, keys.leftKeys(), keys.rightKeys(),
          residual), e, names);
    }
    return nestedLoop(left, right, type, condition, names, rows);
  }

  /** The estimate of a join of two built inputs, or null when one of them has none. */
  private static Estimate estimate(Built left, Built right,
      java.util.function.BinaryOperator<Estimate> cost) {
    Estimate l = PlanBuilder.estimate(left);
    Estimate r = PlanBuilder.estimate(right);
    return l == null || r == null ? null : cost.apply(l, r);
  }

  private static int width(Built left, Built right) {
    return Widths.of(left.node().outputTypes()) + Widths.of(right.node().outputTypes());
  }

  private Built nestedLoop(Built left, Built right, JoinType type, RexNode condition, List<String> names,
      double rows) {
    RexRenderer r = plans.renderer(names);
    Expr compiled = condition.isAlwaysTrue() ? null : plans.compiler().compile(condition);
    List<String> details = compiled == null ? List.of() : List.of("Join Filter: " + r.render(condition));
    ExplainNode e = ExplainNode.of(type == JoinType.INNER ? "Nested Loop" : joinTitle("Nested Loop", type), details,
        left.explain(), right.explain()).withEstimate(estimate(left, right,
            (o, i) -> CostModel.nestLoop(o, i, Operators.count(condition), rows, width(left, right))));
    // The outer rows are read in order, each followed by its matches: the outer order holds (not for the
    // unmatched inner rows a RIGHT or FULL join adds at the end).
    List<OrderKey> order = type == JoinType.RIGHT || type == JoinType.FULL ? List.of() : left.order();
    return new Built(new NestedLoopJoinNode(left.node(), right.node(), type, compiled), e, names, order);
  }

  /**
   * {@code left RIGHT JOIN right} as {@code right LEFT JOIN left} (a hash join over the left input), with the
   * columns put back in the statement's order by a projection above it.
   */
  private Built swappedHashJoin(Built left, Built right, RexNode condition, List<String> names, double rows) {
    int leftWidth = left.node().outputTypes().size();
    int rightWidth = right.node().outputTypes().size();
    List<String> swappedNames = new ArrayList<>(right.names());
    swappedNames.addAll(left.names());
    Built joined = join(right, left, JoinType.LEFT, swap(condition, leftWidth, rightWidth), swappedNames, rows);
    return unswap(joined, leftWidth, rightWidth, names);
  }

  /** A condition over (left, right) rewritten over (right, left). */
  static RexNode swap(RexNode condition, int leftWidth, int rightWidth) {
    return condition.accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        int i = ref.getIndex();
        return new RexInputRef(i < leftWidth ? i + rightWidth : i - leftWidth, ref.getType());
      }
    });
  }

  /**
   * A join built with its inputs swapped, its columns put back in the statement's (left, right) order by a
   * projection (no node in EXPLAIN); its order follows its columns.
   */
  static Built unswap(Built joined, int leftWidth, int rightWidth, List<String> names) {
    List<Expr> exprs = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    List<DataType> in = joined.node().outputTypes();
    for (int i = 0; i < leftWidth + rightWidth; i++) {
      int from = i < leftWidth ? rightWidth + i : i - leftWidth;
      exprs.add(Exprs.column(from));
      types.add(in.get(from));
    }
    List<OrderKey> order = OrderKey.map(joined.order(), c -> c < rightWidth ? leftWidth + c : c - rightWidth);
    return new Built(new ProjectNode(joined.node(), exprs, types), joined.explain(), names, order);
  }

  static String joinTitle(String method, JoinType type) {
    return switch (type) {
      case INNER -> method + " Join";
      case LEFT -> method + " Left Join";
      case RIGHT -> method + " Right Join";
      case FULL -> method + " Full Join";
      case SEMI -> method + " Semi Join";
      case ANTI -> method + " Anti Join";
    };
  }

  /** Hash keys must be of one type on both sides (an int4 and an int8 key would not hash alike). */
  static boolean sameKeyTypes(EquiJoinKeys keys, PlanNode left, PlanNode right) {
    for (int i = 0; i < keys.leftKeys().length; i++) {
      DataType l = left.outputTypes().get(keys.leftKeys()[i]);
      DataType r = right.outputTypes().get(keys.rightKeys()[i]);
      if (l.type() != r.type()) return false;
    }
    return true;
  }
}
