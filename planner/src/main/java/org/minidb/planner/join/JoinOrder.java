package org.minidb.planner.join;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.minidb.planner.cost.Cardinality;

/**
 * Join order by cost: every tree of inner joins in a rewritten logical plan is flattened ({@link JoinGraph}),
 * searched ({@link JoinSearch}) and rebuilt in the cheapest order, each conjunct at the lowest join that has all
 * the relations it names, with a projection on top that puts the columns back in the statement's order. Outer,
 * semi and anti joins keep their place (their inputs are reordered inside): their order is part of their meaning.
 */
public final class JoinOrder {
  private final Cardinality cardinality;
  private final RexBuilder rexBuilder;

  private JoinOrder(RelNode root) {
    this.cardinality = new Cardinality(root.getCluster().getMetadataQuery());
    this.rexBuilder = root.getCluster().getRexBuilder();
  }

  /**
   * The plan with its inner joins reordered, or the same plan when it has none. The source of an UPDATE or
   * DELETE keeps its order: the target table must stay the leftmost input, whose rows carry the tuple ids.
   */
  public static RelNode reorder(RelNode root) {
    if (!hasJoin(root)) return root;
    if (root instanceof org.apache.calcite.rel.core.TableModify m && !m.isInsert()) return root;
    return new JoinOrder(root).visit(root);
  }

  private static boolean hasJoin(RelNode rel) {
    if (rel instanceof Join) return true;
    for (RelNode in : rel.getInputs()) if (hasJoin(in)) return true;
    return false;
  }

  private RelNode visit(RelNode rel) {
    if (JoinGraph.isInnerJoin(rel)) return order((Join) rel);
    List<RelNode> inputs = rel.getInputs();
    if (inputs.isEmpty()) return rel;
    List<RelNode> rewritten = new ArrayList<>(inputs.size());
    boolean changed = false;
    for (RelNode in : inputs) {
      RelNode r = visit(in);
      rewritten.add(r);
      changed |= r != in;
    }
    return changed ? rel.copy(rel.getTraitSet(), rewritten) : rel;
  }

  private RelNode order(Join join) {
    JoinGraph graph = JoinGraph.of(join, cardinality, this::visit);
    if (graph.factors.size() > 63) return join;
    Map<Long, JoinSearch.Plan> plans = new JoinSearch(graph).search();
    long all = graph.factors.size() == 64 ? -1L : (1L << graph.factors.size()) - 1;
    int[] position = new int[graph.fieldCount];
    List<RexNode> pending = new ArrayList<>();
    for (JoinGraph.Conjunct c : graph.conjuncts) pending.add(c.condition());
    RelNode built = build(graph, plans, plans.get(all), position, pending);
    if (!pending.isEmpty()) {
      // Conjuncts of no relation (constants): above the joins.
      built = LogicalFilter.create(built, remap(RexUtil.composeConjunction(rexBuilder, pending), position, built));
    }
    List<RexNode> projects = new ArrayList<>(graph.fieldCount);
    boolean identity = true;
    for (int i = 0; i < graph.fieldCount; i++) {
      projects.add(rexBuilder.makeInputRef(built, position[i]));
      identity &= position[i] == i;
    }
    if (identity) return built;
    return LogicalProject.create(built, List.of(), projects, join.getRowType().getFieldNames(), java.util.Set.of());
  }

  /**
   * The join tree of one plan; {@code position} receives, for each field of the flattened join, its index in
   * the built relation; conjuncts are taken from {@code pending} at the lowest node that has their relations.
   */
  private RelNode build(JoinGraph g, Map<Long, JoinSearch.Plan> plans, JoinSearch.Plan plan, int[] position,
      List<RexNode> pending) {
    if (plan.left() == 0) {
      int f = Long.numberOfTrailingZeros(plan.mask());
      RelNode leaf = g.factors.get(f);
      int offset = g.offsets.get(f);
      for (int i = 0; i < leaf.getRowType().getFieldCount(); i++) position[offset + i] = i;
      List<RexNode> own = take(g, pending, plan.mask());
      return own.isEmpty() ? leaf
          : LogicalFilter.create(leaf, remap(RexUtil.composeConjunction(rexBuilder, own), position, leaf));
    }
    RelNode left = build(g, plans, plans.get(plan.left()), position, pending);
    int[] rightPosition = new int[position.length];
    RelNode right = build(g, plans, plans.get(plan.right()), rightPosition, pending);
    int leftWidth = left.getRowType().getFieldCount();
    for (int f = 0; f < g.factors.size(); f++) {
      if ((plan.right() & (1L << f)) == 0) continue;
      int offset = g.offsets.get(f);
      for (int i = 0; i < g.factors.get(f).getRowType().getFieldCount(); i++) {
        position[offset + i] = leftWidth + rightPosition[offset + i];
      }
    }
    List<RexNode> here = take(g, pending, plan.mask());
    RexNode condition = here.isEmpty() ? rexBuilder.makeLiteral(true) : RexUtil.composeConjunction(rexBuilder, here);
    RelNode joined = LogicalJoin.create(left, right, List.of(), rexBuilder.makeLiteral(true),
        java.util.Set.of(), JoinRelType.INNER);
    return LogicalJoin.create(left, right, List.of(), remap(condition, position, joined), java.util.Set.of(),
        JoinRelType.INNER);
  }

  /** Removes and returns the pending conjuncts whose relations are all in {@code mask} (and that name any). */
  private static List<RexNode> take(JoinGraph g, List<RexNode> pending, long mask) {
    List<RexNode> out = new ArrayList<>();
    for (JoinGraph.Conjunct c : g.conjuncts) {
      if (c.factors() != 0 && (c.factors() & ~mask) == 0 && pending.remove(c.condition())) out.add(c.condition());
    }
    return out;
  }

  /** A condition over the flattened fields, rewritten over the fields of {@code over}. */
  private static RexNode remap(RexNode condition, int[] position, RelNode over) {
    return condition.accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        int to = position[ref.getIndex()];
        return new RexInputRef(to, over.getRowType().getFieldList().get(to).getType());
      }
    });
  }
}
