package org.minidb.planner.join;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.minidb.planner.catalog.MiniDbTable;
import org.minidb.planner.catalog.TypeMapping;
import org.minidb.planner.cost.Cardinality;
import org.minidb.planner.cost.CostModel;
import org.minidb.planner.cost.Operators;
import org.minidb.planner.cost.TableSizes;
import org.minidb.planner.cost.Widths;
import org.minidb.planner.explain.Estimate;

/**
 * A tree of inner joins flattened into the relations it joins (factors, in the order of the tree's fields) and
 * the conjuncts of its join conditions, each with the set of factors it references (a bit mask), as PostgreSQL's
 * join search sees a query's base relations and join clauses. Conditions refer to the concatenated fields of
 * all factors.
 */
final class JoinGraph {
  /** One conjunct: the factors it references, its selectivity and, for {@code a = b} of two factors, the keys. */
  record Conjunct(RexNode condition, long factors, double selectivity, boolean equi, int operators) {}

  final List<RelNode> factors = new ArrayList<>();
  final List<Integer> offsets = new ArrayList<>();
  final List<Conjunct> conjuncts = new ArrayList<>();
  final List<Estimate> estimates = new ArrayList<>();
  int fieldCount;
  /** The row estimates the graph was made with (for the costs of index paths during the search). */
  Cardinality cardinality;

  /** Flattens the inner joins at the top of {@code join}; inputs that are not inner joins are factors. */
  static JoinGraph of(Join join, Cardinality cardinality, java.util.function.UnaryOperator<RelNode> factorRewrite) {
    JoinGraph g = new JoinGraph();
    g.cardinality = cardinality;
    List<RexNode> conditions = new ArrayList<>();
    g.flatten(join, conditions, factorRewrite);
    for (RexNode c : conditions) {
      for (RexNode conjunct : RelOptUtil.conjunctions(c)) {
        if (conjunct.isAlwaysTrue()) continue;
        g.conjuncts.add(g.conjunct(conjunct, cardinality));
      }
    }
    for (RelNode f : g.factors) g.estimates.add(leafEstimate(f, cardinality));
    return g;
  }

  /** A factor's cost as a whole: its scans read once (the join order does not change it), its rows and width. */
  private static Estimate leafEstimate(RelNode f, Cardinality cardinality) {
    return new Estimate(0, scanCost(f), cardinality.rows(f), width(f));
  }

  private static double scanCost(RelNode rel) {
    double c = 0;
    if (rel instanceof TableScan scan && scan.getTable().unwrap(MiniDbTable.class) instanceof MiniDbTable t) {
      TableSizes.Size s = t.size();
      c += CostModel.seqScan(s.pages(), s.tuples(), 0, s.tuples(), 0).totalCost();
    }
    for (RelNode in : rel.getInputs()) c += scanCost(in);
    return c;
  }

  static int width(RelNode rel) {
    int w = 0;
    for (var f : rel.getRowType().getFieldList()) {
      try {
        w += Widths.of(TypeMapping.fromRel(f.getType()));
      } catch (RuntimeException e) {
        w += 32;
      }
    }
    return w;
  }

  private void flatten(RelNode rel, List<RexNode> conditions, java.util.function.UnaryOperator<RelNode> rewrite) {
    if (isInnerJoin(rel)) {
      Join j = (Join) rel;
      int offset = fieldCount;
      flatten(j.getLeft(), conditions, rewrite);
      flatten(j.getRight(), conditions, rewrite);
      conditions.add(RexUtil.shift(j.getCondition(), offset));
      return;
    }
    factors.add(rewrite.apply(rel));
    offsets.add(fieldCount);
    fieldCount += rel.getRowType().getFieldCount();
  }

  static boolean isInnerJoin(RelNode rel) {
    return rel instanceof Join j && j.getJoinType() == JoinRelType.INNER && j.getSystemFieldList().isEmpty();
  }

  int factorOf(int field) {
    for (int i = offsets.size() - 1; i >= 0; i--) if (field >= offsets.get(i)) return i;
    throw new IllegalStateException("field " + field);
  }

  private Conjunct conjunct(RexNode c, Cardinality cardinality) {
    long mask = 0;
    for (int field : RelOptUtil.InputFinder.bits(c)) mask |= 1L << factorOf(field);
    int[] pair = equiPair(c);
    double selectivity;
    boolean equi = false;
    if (pair != null && factorOf(pair[0]) != factorOf(pair[1])) {
      int fa = factorOf(pair[0]);
      int fb = factorOf(pair[1]);
      selectivity = cardinality.equiJoinSelectivity(factors.get(fa), pair[0] - offsets.get(fa), factors.get(fb),
          pair[1] - offsets.get(fb));
      equi = true;
    } else if (Long.bitCount(mask) == 1) {
      int f = Long.numberOfTrailingZeros(mask);
      selectivity = cardinality.selectivity(factors.get(f), RexUtil.shift(c, -offsets.get(f)));
    } else {
      selectivity = org.minidb.planner.cost.CostParameters.DEFAULT_INEQ_SEL;
    }
    return new Conjunct(c, mask, selectivity, equi, Operators.count(c));
  }

  /** The two fields of {@code $a = $b} (either possibly under a cast), or null. */
  static int[] equiPair(RexNode c) {
    if (c.getKind() != org.apache.calcite.sql.SqlKind.EQUALS) return null;
    var ops = ((org.apache.calcite.rex.RexCall) c).getOperands();
    int a = field(ops.get(0));
    int b = field(ops.get(1));
    return a < 0 || b < 0 ? null : new int[] {a, b};
  }

  private static int field(RexNode n) {
    if (n instanceof org.apache.calcite.rex.RexInputRef r) return r.getIndex();
    if (n.getKind() == org.apache.calcite.sql.SqlKind.CAST
        && ((org.apache.calcite.rex.RexCall) n).getOperands().get(0) instanceof org.apache.calcite.rex.RexInputRef r) {
      return r.getIndex();
    }
    return -1;
  }

  /** The fields of the factors in {@code mask}, in factor order. */
  ImmutableBitSet fields(long mask) {
    ImmutableBitSet.Builder b = ImmutableBitSet.builder();
    for (int f = 0; f < factors.size(); f++) {
      if ((mask & (1L << f)) == 0) continue;
      int w = factors.get(f).getRowType().getFieldCount();
      b.set(offsets.get(f), offsets.get(f) + w);
    }
    return b.build();
  }

  /** Whether some conjunct references a factor of each side. */
  boolean connected(long left, long right) {
    for (Conjunct c : conjuncts) {
      if ((c.factors() & left) != 0 && (c.factors() & right) != 0 && (c.factors() & ~(left | right)) == 0) return true;
    }
    return false;
  }
}
