package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.Aggregate;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.planner.catalog.TypeMapping;
import org.minidb.planner.explain.ExplainNode;

/**
 * Aggregate: hash or sorted aggregation by cost (see {@link #strategy}), with FILTER, LITERAL_AGG and
 * SINGLE_VALUE handled by projections around it.
 */
final class AggregateBuilder {
  private final PlanBuilder plans;

  AggregateBuilder(PlanBuilder plans) { this.plans = plans; }

  /** Raised where a scalar sub-query yields more than one row (PostgreSQL: 21000). */
  private static final Expr TOO_MANY_ROWS = (row, ctx) -> {
    throw org.minidb.common.error.DbException.of(org.minidb.common.error.SqlState.CARDINALITY_VIOLATION,
        "more than one row returned by a subquery used as an expression");
  };

  static boolean isStringAgg(org.apache.calcite.rel.core.AggregateCall c) {
    // Calcite's STRING_AGG becomes its LISTAGG (same arguments, ORDER BY as the call's collation).
    org.apache.calcite.sql.SqlKind k = c.getAggregation().getKind();
    return k == org.apache.calcite.sql.SqlKind.STRING_AGG || k == org.apache.calcite.sql.SqlKind.LISTAGG;
  }

  Built build(Aggregate a, Want want) {
    if (a.getGroupType() != Aggregate.Group.SIMPLE) throw ExprCompiler.unsupported("GROUPING SETS");
    Built in = plans.indexOnly(plans.build(a.getInput(), false), readColumns(a));
    int[] groups = a.getGroupSet().toArray();
    Strategy strategy = groups.length == 0 ? new Strategy(in, false) : strategy(a, in, groups, want);
    in = strategy.input();
    // FILTER (WHERE f): the aggregate reads a column that is its argument where f is true and NULL elsewhere
    // (1 for count(*)), computed by a projection below; aggregates skip NULLs, so the result is the same.
    PlanNode input = in.node();
    int[] filteredArgument = new int[a.getAggCallList().size()];
    java.util.Arrays.fill(filteredArgument, -1);
    List<List<org.minidb.executor.plan.SortKey>> orderBy = new ArrayList<>();
    for (int i = 0; i < a.getAggCallList().size(); i++) orderBy.add(List.of());
    if (a.getAggCallList().stream().anyMatch(c -> c.filterArg >= 0 || isStringAgg(c))) {
      List<DataType> inTypes = input.outputTypes();
      List<Expr> exprs = new ArrayList<>();
      List<DataType> projected = new ArrayList<>(inTypes);
      for (int i = 0; i < inTypes.size(); i++) exprs.add(Exprs.column(i));
      for (int i = 0; i < a.getAggCallList().size(); i++) {
        org.apache.calcite.rel.core.AggregateCall c = a.getAggCallList().get(i);
        if (c.filterArg < 0 && !isStringAgg(c)) continue;
        boolean star = c.getArgList().isEmpty();
        Expr value = star ? Exprs.literal(1) : Exprs.column(c.getArgList().get(0));
        DataType valueType = star ? DataType.INT4 : inTypes.get(c.getArgList().get(0));
        if (isStringAgg(c)) {
          // One packed argument: value, delimiter and the aggregate's ORDER BY keys (see StringAgg).
          List<Expr> keys = new ArrayList<>();
          List<org.minidb.executor.plan.SortKey> sortKeys = new ArrayList<>();
          for (org.apache.calcite.rel.RelFieldCollation fc : c.collation.getFieldCollations()) {
            boolean desc = fc.getDirection().isDescending();
            boolean nullsFirst = switch (fc.nullDirection) {
              case FIRST -> true;
              case LAST -> false;
              default -> desc;
            };
            sortKeys.add(new org.minidb.executor.plan.SortKey(2 + keys.size(), inTypes.get(fc.getFieldIndex()),
                desc, nullsFirst));
            keys.add(Exprs.column(fc.getFieldIndex()));
          }
          value = Exprs.stringAggInput(Exprs.cast(value, valueType, DataType.TEXT, false),
              Exprs.cast(Exprs.column(c.getArgList().get(1)), inTypes.get(c.getArgList().get(1)), DataType.TEXT, false),
              keys);
          valueType = DataType.TEXT;
          orderBy.set(i, List.copyOf(sortKeys));
        }
        exprs.add(c.filterArg < 0 ? value
            : Exprs.caseWhen(List.of(Exprs.isTrue(Exprs.column(c.filterArg))), List.of(value), null));
        projected.add(valueType);
        filteredArgument[i] = projected.size() - 1;
      }
      input = new ProjectNode(input, List.copyOf(exprs), List.copyOf(projected));
    }
    List<DataType> types = a.getRowType().getFieldList().stream().map(f -> TypeMapping.fromRel(f.getType())).toList();
    // LITERAL_AGG (Calcite's "this group exists" marker from sub-query removal) is the same constant in every
    // group: it is computed by a projection above the aggregate, not by the executor's aggregation.
    List<org.minidb.executor.plan.AggregateCall> calls = new ArrayList<>();
    List<Expr> outputs = new ArrayList<>();
    for (int g = 0; g < groups.length; g++) outputs.add(Exprs.column(g));
    List<DataType> aggregateTypes = new ArrayList<>(types.subList(0, groups.length));
    boolean literals = false;
    for (int i = 0; i < a.getAggCallList().size(); i++) {
      org.apache.calcite.rel.core.AggregateCall c = a.getAggCallList().get(i);
      if (c.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.LITERAL_AGG) {
        outputs.add(plans.compiler().compile(c.rexList.get(0)));
        literals = true;
      } else if (c.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.SINGLE_VALUE) {
        // A scalar sub-query's value: the group's one value (max of one row), an error if it has several.
        DataType type = types.get(groups.length + i);
        int count = groups.length + calls.size();
        calls.add(new org.minidb.executor.plan.AggregateCall("count", -1, false, null, DataType.INT8));
        aggregateTypes.add(DataType.INT8);
        int arg = filteredArgument[i] >= 0 ? filteredArgument[i] : c.getArgList().get(0);
        calls.add(new org.minidb.executor.plan.AggregateCall("max", arg, false, input.outputTypes().get(arg), type));
        aggregateTypes.add(type);
        outputs.add(Exprs.caseWhen(
            List.of(Exprs.compare(org.minidb.executor.expr.CompareOp.GT, Exprs.column(count), Exprs.literal(1L),
                org.minidb.common.types.PgType.INT8)),
            List.of(TOO_MANY_ROWS), Exprs.column(count + 1)));
        literals = true;
      } else {
        outputs.add(Exprs.column(groups.length + calls.size()));
        calls.add(Aggregates.convert(c, input.outputTypes(), filteredArgument[i], orderBy.get(i)));
        aggregateTypes.add(types.get(groups.length + i));
      }
    }
    List<String> names = new ArrayList<>();
    for (int g : groups) names.add(in.names().get(g));
    for (org.apache.calcite.rel.core.AggregateCall c : a.getAggCallList()) {
      String args = c.getArgList().isEmpty() ? "*"
          : c.getArgList().stream().map(in.names()::get).collect(java.util.stream.Collectors.joining(", "));
      names.add(c.getAggregation().getName().toLowerCase(java.util.Locale.ROOT) + "("
          + (c.isDistinct() ? "DISTINCT " : "") + args + ")");
    }
    ExplainNode explain = groups.length == 0
        ? ExplainNode.of("Aggregate", List.of(), in.explain())
        : ExplainNode.of(strategy.sorted() ? "GroupAggregate" : "HashAggregate", List.of("Group Key: "
            + String.join(", ", names.subList(0, groups.length))), in.explain());
    explain = explain.withEstimate(estimate(a, in, groups.length, types, strategy.sorted()));
    PlanNode node = strategy.sorted()
        ? new org.minidb.executor.plan.GroupAggregateNode(input, groups, calls, List.copyOf(aggregateTypes))
        : new AggregateNode(input, groups, calls, List.copyOf(aggregateTypes));
    if (literals) node = new ProjectNode(node, List.copyOf(outputs), types);
    // A sorted aggregate returns its groups in its input's order: the group columns are its first outputs.
    List<OrderKey> order = List.of();
    if (strategy.sorted()) {
      order = OrderKey.map(in.order(), c -> {
        for (int g = 0; g < groups.length; g++) if (groups[g] == c) return g;
        return -1;
      });
    }
    return new Built(node, explain, names, order);
  }

  /** The input an aggregation reads and whether it aggregates it sorted (GroupAggregate) or hashed. */
  private record Strategy(Built input, boolean sorted) {}

  /**
   * cost_agg's choice between AGG_HASHED over the input and AGG_SORTED over it in group order: as it comes when
   * its order already groups the rows, as an index scan in that order when the input is a scan, or sorted;
   * with a wanted order above, the hashed one pays for a Sort of its groups.
   */
  private Strategy strategy(Aggregate a, Built in, int[] groups, Want want) {
    int keys = groups.length;
    int aggregates = a.getAggCallList().size();
    double rows = plans.cardinality().rows(a);
    List<DataType> types = a.getRowType().getFieldList().stream().map(f -> TypeMapping.fromRel(f.getType())).toList();
    int width = org.minidb.planner.cost.Widths.of(types);
    org.minidb.planner.explain.Estimate below = PlanBuilder.estimate(in);
    if (below == null) return new Strategy(in, false);
    // The group order wanted: the keys ORDER BY names (when it names only group columns) first, then the others.
    List<OrderKey> groupOrder = new ArrayList<>();
    if (want != null && want.keys().stream().allMatch(k -> k.column() < keys)) {
      for (OrderKey k : want.keys()) groupOrder.add(k.on(groups[k.column()]));
    }
    for (int g : groups) {
      if (groupOrder.stream().noneMatch(k -> k.column() == g)) groupOrder.add(new OrderKey(g, false, false));
    }
    java.util.function.BiFunction<org.minidb.planner.explain.Estimate, List<OrderKey>, Double> price =
        (e, order) -> want == null ? e.totalCost() : want.costOf(e, order);
    org.minidb.planner.explain.Estimate hashed =
        org.minidb.planner.cost.CostModel.hashAggregate(below, keys, aggregates, rows, width);
    Built sortedInput = groupsAdjacent(in.order(), groups) ? in : null;
    if (sortedInput == null && PlanBuilder.scanLike(a.getInput())) {
      Built ordered = plans.indexOnly(plans.rebuild(a.getInput(), in, new Want(groupOrder, -1)), readColumns(a));
      if (OrderKey.satisfies(ordered.order(), groupOrder)) sortedInput = ordered;
    }
    if (sortedInput == null) sortedInput = plans.sorted(in, groupOrder, -1);
    org.minidb.planner.explain.Estimate sortedBelow = PlanBuilder.estimate(sortedInput);
    if (sortedBelow == null) return new Strategy(in, false);
    org.minidb.planner.explain.Estimate sorted =
        org.minidb.planner.cost.CostModel.sortedAggregate(sortedBelow, keys, aggregates, rows, width);
    List<OrderKey> sortedOrder = OrderKey.map(sortedInput.order(), col -> {
      for (int g = 0; g < keys; g++) if (groups[g] == col) return g;
      return -1;
    });
    // As add_path: a path with a useful order (one the consumer wants) is kept over an unordered one that is at
    // most 1% cheaper (STD_FUZZ_FACTOR), so PostgreSQL's GroupAggregate under an ORDER BY wins such near ties.
    boolean useful = want != null && OrderKey.satisfies(sortedOrder, want.keys());
    boolean sortedWins = useful && Want.fuzzilyNotWorse(sorted, hashed)
        || price.apply(sorted, sortedOrder) < price.apply(hashed, List.of());
    return sortedWins ? new Strategy(sortedInput, true) : new Strategy(in, false);
  }

  /** Whether rows in {@code order} have each group's rows adjacent: its first keys are the group columns. */
  private static boolean groupsAdjacent(List<OrderKey> order, int[] groups) {
    if (order.size() < groups.length) return false;
    java.util.Set<Integer> first = new java.util.HashSet<>();
    for (int i = 0; i < groups.length; i++) first.add(order.get(i).column());
    for (int g : groups) if (!first.contains(g)) return false;
    return true;
  }

  /** The input columns an aggregation reads: its group keys and its calls' arguments and filters. */
  private static org.apache.calcite.util.ImmutableBitSet readColumns(Aggregate a) {
    org.apache.calcite.util.ImmutableBitSet.Builder read = a.getGroupSet().rebuild();
    for (org.apache.calcite.rel.core.AggregateCall call : a.getAggCallList()) {
      read.addAll(call.getArgList());
      if (call.filterArg >= 0) read.set(call.filterArg);
    }
    return read.build();
  }

  /** cost_agg for the hashed (or, without groups, plain) aggregation MiniDB runs. */
  private org.minidb.planner.explain.Estimate estimate(Aggregate a, Built in, int groupKeys, List<DataType> types,
      boolean sorted) {
    org.minidb.planner.explain.Estimate below = PlanBuilder.estimate(in);
    if (below == null) return null;
    int width = org.minidb.planner.cost.Widths.of(types);
    int aggregates = a.getAggCallList().size();
    if (groupKeys == 0) return org.minidb.planner.cost.CostModel.plainAggregate(below, aggregates, width);
    if (sorted) {
      return org.minidb.planner.cost.CostModel.sortedAggregate(below, groupKeys, aggregates,
          plans.cardinality().rows(a), width);
    }
    return org.minidb.planner.cost.CostModel.hashAggregate(below, groupKeys, aggregates,
        plans.cardinality().rows(a), width);
  }
}
