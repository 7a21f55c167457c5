package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.IndexScanNode;
import org.minidb.executor.plan.JoinType;
import org.minidb.executor.plan.NestParam;
import org.minidb.executor.plan.NestedLoopJoinNode;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.cost.Operators;
import org.minidb.planner.cost.Widths;
import org.minidb.planner.explain.Estimate;
import org.minidb.planner.explain.ExplainNode;
import org.minidb.planner.explain.Identifiers;
import org.minidb.planner.explain.RexRenderer;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * Builds a join as a Nested Loop over a parameterized inner Index Scan ({@link IndexNestLoop}), as PostgreSQL
 * shows it: {@code Nested Loop [Left|Semi|Anti Join]}, the outer plan, then {@code Index Scan using i on t} with
 * {@code Index Cond: (k = o.k)} (the inner's own columns plain, the outer's qualified). The executor checks the
 * whole join condition on each pair; the join conjuncts that are not index conditions are shown as the loop's
 * {@code Join Filter}.
 */
final class IndexNestLoopBuilder {
  private final PlanBuilder plans;

  IndexNestLoopBuilder(PlanBuilder plans) { this.plans = plans; }

  /**
   * The index nested loop of {@code j} over the built outer side, or null when the join type cannot be
   * parameterized, the right input is no base relation, or no index of it fits the equality keys.
   *
   * @param alias the alias the right input's scan has (taken before it was built)
   * @param condition the join condition over the left input as built followed by the right input
   */
  Built build(Join j, String alias, Built left, JoinType type, RexNode condition, List<String> names, double rows) {
    if (type != JoinType.INNER && type != JoinType.LEFT && type != JoinType.SEMI && type != JoinType.ANTI) return null;
    Estimate outer = PlanBuilder.estimate(left);
    IndexNestLoop.Inner inner = IndexNestLoop.Inner.of(j.getRight(), null, plans.rexBuilder());
    if (outer == null || inner == null) return null;
    int leftWidth = left.node().outputTypes().size();
    EquiJoinKeys keys = EquiJoinKeys.of(plans.rexBuilder(), leftWidth, condition);
    if (keys.isEmpty()) return null;
    List<RelDataType> outerTypes = new ArrayList<>();
    for (int l : keys.leftKeys()) outerTypes.add(j.getLeft().getRowType().getFieldList().get(l).getType());
    int[] innerColumns = new int[keys.rightKeys().length];
    for (int k = 0; k < innerColumns.length; k++) {
      innerColumns[k] = inner.column(keys.rightKeys()[k]);
      if (innerColumns[k] < 0) return null;
    }
    IndexNestLoop.Path path = IndexNestLoop.find(inner, innerColumns, outerTypes, plans.rexBuilder());
    if (path == null) return null;

    double[] keySelectivity = new double[keys.leftKeys().length];
    for (int k = 0; k < keySelectivity.length; k++) {
      keySelectivity[k] = plans.cardinality().equiJoinSelectivity(j.getLeft(), keys.leftKeys()[k], j.getRight(),
          keys.rightKeys()[k]);
    }
    Estimate perLoop = IndexNestLoop.perLoop(path, keySelectivity, plans.cardinality().rows(j.getRight()),
        outer.rows(), plans.cardinality(), plans.rexBuilder());

    // The join conjuncts left to the loop: all but the equalities the index takes.
    List<RexNode> joinFilter = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      int[] pair = org.minidb.planner.cost.Cardinality.equiKeys(c, leftWidth);
      boolean taken = false;
      for (int k = 0; pair != null && k < keys.leftKeys().length; k++) {
        taken |= path.keyUsed()[k] && c.getKind() == org.apache.calcite.sql.SqlKind.EQUALS
            && pair[0] == keys.leftKeys()[k] && pair[1] - leftWidth == keys.rightKeys()[k];
      }
      if (!taken && !c.isAlwaysTrue()) joinFilter.add(c);
    }
    int joinFilterOps = 0;
    for (RexNode c : joinFilter) joinFilterOps += Operators.count(c);
    boolean stopAtFirst = type == JoinType.SEMI || type == JoinType.ANTI;
    int width = Widths.of(left.node().outputTypes()) + perLoop.width();
    Estimate loop = CostModel.parameterizedNestLoop(outer, perLoop, joinFilterOps, stopAtFirst, rows, width);

    List<NestParam> params = new ArrayList<>();
    int[] slotOfKey = new int[keys.leftKeys().length];
    for (int k = 0; k < slotOfKey.length; k++) {
      if (!path.keyUsed()[k]) continue;
      slotOfKey[k] = plans.nextExecParamSlot();
      params.add(new NestParam(slotOfKey[k], keys.leftKeys()[k]));
    }
    Built scan = innerScan(path, alias, left.names(), keys.leftKeys(), slotOfKey, perLoop);
    // An Index Only Scan where the inner columns anyone reads are key columns: those its projection passes on,
    // or, in a semi or anti join (which returns no inner column), those the join condition reads.
    ImmutableBitSet read = inner.project() != null ? RelOptUtil.InputFinder.bits(inner.project().getProjects(), null)
        : stopAtFirst ? RelOptUtil.InputFinder.bits(condition).get(leftWidth, leftWidth + j.getRight().getRowType()
            .getFieldCount()).shift(-leftWidth) : null;
    if (read != null) scan = plans.indexOnly(scan, read.union(IndexNestLoop.restrictionColumns(path)));
    if (inner.project() != null) scan = project(inner.project(), scan);
    RexRenderer r = plans.renderer(names);
    List<String> details = joinFilter.isEmpty() ? List.of()
        : List.of("Join Filter: " + r.render(RexUtil.composeConjunction(plans.rexBuilder(), joinFilter)));
    Expr compiled = condition.isAlwaysTrue() ? null : plans.compiler().compile(condition);
    ExplainNode e = ExplainNode.of(type == JoinType.INNER ? "Nested Loop" : JoinBuilder.joinTitle("Nested Loop", type),
        details, left.explain(), scan.explain()).withEstimate(loop);
    return new Built(new NestedLoopJoinNode(left.node(), scan.node(), type, compiled, params), e, names);
  }

  /** The inner Index Scan: markers become executor parameters; its range in key order as PlanBuilder's. */
  private Built innerScan(IndexNestLoop.Path path, String alias, List<String> outerNames, int[] leftKeys,
      int[] slotOfKey, Estimate perLoop) {
    TableDef def = path.inner().def();
    IndexPaths.Choice c = path.choice();
    List<Expr> equal = new ArrayList<>();
    for (RexNode v : c.equal()) equal.add(bound(v, slotOfKey));
    boolean descending = c.index().keys().get(c.equal().size() < c.index().keys().size() ? c.equal().size() : 0)
        .descending();
    RexNode lower = descending ? c.upper() : c.lower();
    RexNode upper = descending ? c.lower() : c.upper();
    boolean lowerInclusive = descending ? c.upperInclusive() : c.lowerInclusive();
    boolean upperInclusive = descending ? c.lowerInclusive() : c.upperInclusive();
    RexNode restriction = path.inner().restriction();
    IndexScanNode node = new IndexScanNode(def, c.index(), equal, lower == null ? null : bound(lower, slotOfKey),
        lowerInclusive, upper == null ? null : bound(upper, slotOfKey), upperInclusive,
        restriction == null ? null : plans.compiler().compile(restriction), false);

    // Rendering: the inner's columns plain, then the outer's names (qualified) for the markers.
    List<String> plain = new ArrayList<>();
    List<String> qualified = new ArrayList<>();
    for (ColumnDef col : def.columns()) {
      plain.add(Identifiers.quote(col.name()));
      qualified.add(Identifiers.quote(alias) + "." + Identifiers.quote(col.name()));
    }
    List<String> renderNames = new ArrayList<>(plain);
    renderNames.addAll(outerNames);
    int[] fieldOfKey = new int[leftKeys.length];
    for (int k = 0; k < leftKeys.length; k++) fieldOfKey[k] = plain.size() + leftKeys[k];
    RexRenderer r = plans.renderer(renderNames);
    List<String> details = new ArrayList<>();
    details.add("Index Cond: " + r.render(IndexNestLoop.markersToFields(
        RexUtil.composeConjunction(plans.rexBuilder(), c.indexConditions()), fieldOfKey)));
    List<RexNode> filter = path.filter();
    if (!filter.isEmpty()) details.add("Filter: " + r.render(RexUtil.composeConjunction(plans.rexBuilder(), filter)));
    String on = " on " + Identifiers.quote(def.name()) + (alias.equals(def.name()) ? "" : " " + Identifiers.quote(alias));
    String title = "Index Scan using " + Identifiers.quote(c.index().name()) + on;
    return new Built(node, ExplainNode.of(title, details).withEstimate(perLoop), qualified);
  }

  /** The inner side's projection of columns and constants over its scan (folded into the scan for EXPLAIN). */
  private Built project(org.apache.calcite.rel.core.Project p, Built scan) {
    List<String> names = new ArrayList<>(p.getRowType().getFieldNames());
    List<org.minidb.common.types.DataType> types = new ArrayList<>();
    for (int i = 0; i < p.getProjects().size(); i++) {
      RexNode e = p.getProjects().get(i);
      if (e instanceof org.apache.calcite.rex.RexInputRef ref) names.set(i, scan.names().get(ref.getIndex()));
      types.add(ExprCompiler.typeOf(e));
    }
    return new Built(new org.minidb.executor.plan.ProjectNode(scan.node(), plans.compiler().compileAll(p.getProjects()),
        List.copyOf(types)), scan.explain(), names);
  }

  /** A key bound: an outer key's executor parameter for a marker, else the compiled constant expression. */
  private Expr bound(RexNode v, int[] slotOfKey) {
    if (IndexNestLoop.isMarker(v)) {
      return Exprs.execParam(slotOfKey[((org.apache.calcite.rex.RexDynamicParam) v).getIndex() - IndexNestLoop.MARKER]);
    }
    return IndexKeyConditions.keyValues(List.of(v), plans.compiler(), plans.rexBuilder()).getFirst();
  }
}
