package org.minidb.planner.cost;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Row estimates of a logical tree for costing, one instance per statement (memoized per node). Scans, filter
 * selectivities and distinct counts come from Calcite's {@link RelMetadataQuery} (which MiniDB's statistics
 * provider answers from ANALYZE; without statistics, Calcite's guesses and the table's page-based row count);
 * joins are estimated here as PostgreSQL's eqjoinsel does without MCVs: an equality of two columns keeps
 * 1 / max(distinct left, distinct right) of the cross product, a column without statistics having
 * 200 distinct values (its row count when smaller, all its rows when it is unique).
 */
public final class Cardinality {
  private final RelMetadataQuery mq;
  private final Map<RelNode, Double> rows = new IdentityHashMap<>();

  public Cardinality(RelMetadataQuery mq) { this.mq = mq; }

  public RelMetadataQuery metadata() { return mq; }

  /** Estimated rows of a subtree, at least 1. */
  public double rows(RelNode rel) {
    Double r = rows.get(rel);
    if (r == null) {
      r = CostModel.clampRows(compute(rel));
      rows.put(rel, r);
    }
    return r;
  }

  private double compute(RelNode rel) {
    if (rel instanceof TableScan) return orDefault(mq.getRowCount(rel), 1000);
    if (rel instanceof Filter f) return rows(f.getInput()) * selectivity(f.getInput(), f.getCondition());
    if (rel instanceof Project p) return rows(p.getInput());
    if (rel instanceof Join j) return join(j.getLeft(), j.getRight(), j.getJoinType(), j.getCondition());
    if (rel instanceof Aggregate a) return a.getGroupSet().isEmpty() ? 1 : groups(a.getInput(), a.getGroupSet());
    if (rel instanceof Sort s) {
      double in = rows(s.getInput());
      double offset = s.offset instanceof RexLiteral l ? l.getValueAs(Long.class) : 0;
      double fetch = s.fetch instanceof RexLiteral l ? l.getValueAs(Long.class) : s.fetch != null ? in * 0.1 : in;
      return Math.min(Math.max(in - offset, 1), fetch);
    }
    if (rel instanceof Values v) return v.getTuples().size();
    if (rel instanceof Union u) {
      double sum = 0;
      for (RelNode in : u.getInputs()) sum += rows(in);
      return sum;
    }
    if (rel.getInputs().size() == 1) return orDefault(mq.getRowCount(rel), rows(rel.getInput(0)));
    return orDefault(mq.getRowCount(rel), 1000);
  }

  /** Fraction of the input's rows a condition keeps (clausesel: conjuncts independent). */
  public double selectivity(RelNode input, RexNode condition) {
    if (condition == null || condition.isAlwaysTrue()) return 1;
    Double s = mq.getSelectivity(input, condition);
    // Calcite's own guess (no statistics provider answered): PostgreSQL's defaults instead.
    if (s == null || Math.abs(s - RelMdUtil.guessSelectivity(condition)) < 1e-12) {
      return DefaultSelectivity.of(this, input, condition);
    }
    return Math.min(1, Math.max(0, s));
  }

  /** Rows of a join of inputs with these estimates; the condition refers to left fields then right fields. */
  public double join(RelNode left, RelNode right, JoinRelType type, RexNode condition) {
    double l = rows(left);
    double r = rows(right);
    int leftWidth = left.getRowType().getFieldCount();
    double sel = 1;
    double semi = 1;
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      int[] keys = equiKeys(c, leftWidth);
      if (keys != null) {
        double nl = distinct(left, keys[0]);
        double nr = distinct(right, keys[1] - leftWidth);
        sel *= equiJoinSelectivity(left, keys[0], right, keys[1] - leftWidth);
        semi = Math.min(semi, Math.min(1.0, nr / nl));
      } else if (!c.isAlwaysTrue()) {
        double g = DefaultSelectivity.of(this, left, c);
        sel *= g;
        semi *= g;
      }
    }
    double inner = l * r * sel;
    return switch (type) {
      case INNER -> inner;
      case LEFT -> Math.max(inner, l);
      case RIGHT -> Math.max(inner, r);
      case FULL -> Math.max(inner, l + r);
      case SEMI -> l * semi;
      case ANTI -> l * (1 - semi);
      default -> inner;
    };
  }

  /** {@code $a = $b} with {@code a} on the left of the join and {@code b} on the right: {a, b}, else null. */
  public static int[] equiKeys(RexNode c, int leftWidth) {
    if (c.getKind() != SqlKind.EQUALS && c.getKind() != SqlKind.IS_NOT_DISTINCT_FROM) return null;
    List<RexNode> ops = ((RexCall) c).getOperands();
    if (!(strip(ops.get(0)) instanceof RexInputRef a) || !(strip(ops.get(1)) instanceof RexInputRef b)) return null;
    if (a.getIndex() < leftWidth && b.getIndex() >= leftWidth) return new int[] {a.getIndex(), b.getIndex()};
    if (b.getIndex() < leftWidth && a.getIndex() >= leftWidth) return new int[] {b.getIndex(), a.getIndex()};
    return null;
  }

  private static RexNode strip(RexNode n) {
    return n.getKind() == SqlKind.CAST ? ((RexCall) n).getOperands().get(0) : n;
  }

  /**
   * Distinct values of one column of a subtree (get_variable_numdistinct): traced down to the relation the
   * column comes from, where statistics (through the metadata query) or a unique index tell, else PostgreSQL's
   * default; never more than the subtree's rows.
   */
  public double distinct(RelNode rel, int column) {
    double n = rows(rel);
    return Math.max(1, Math.min(n, baseDistinct(rel, column, n)));
  }

  private double baseDistinct(RelNode rel, int column, double n) {
    if (rel instanceof Filter f) return distinct(f.getInput(), column);
    if (rel instanceof Sort s) return distinct(s.getInput(), column);
    if (rel instanceof Project p && column < p.getProjects().size()
        && strip(p.getProjects().get(column)) instanceof RexInputRef ref) {
      return distinct(p.getInput(), ref.getIndex());
    }
    if (rel instanceof Join j) {
      int leftWidth = j.getLeft().getRowType().getFieldCount();
      if (column < leftWidth) return distinct(j.getLeft(), column);
      if (j.getJoinType().projectsRight()) return distinct(j.getRight(), column - leftWidth);
    }
    if (rel instanceof Aggregate a && column < a.getGroupCount()) {
      if (a.getGroupCount() == 1) return n;
      return distinct(a.getInput(), a.getGroupSet().nth(column));
    }
    ImmutableBitSet cols = ImmutableBitSet.of(column);
    if (Boolean.TRUE.equals(mq.areColumnsUnique(rel, cols))) return n;
    if (rel instanceof TableScan) {
      Double d = mq.getDistinctRowCount(rel, cols, null);
      if (d != null && d > 0 && d < n) return d;
    }
    return n < CostParameters.DEFAULT_NUM_DISTINCT ? n : CostParameters.DEFAULT_NUM_DISTINCT;
  }

  /**
   * The selectivity of {@code left.a = right.b} (eqjoinsel without MCVs): 1 / the larger distinct count. Where
   * neither column has statistics or a unique index, PostgreSQL's 200 distinct values would make every join of
   * large tables look like a near cross product; MiniDB assumes instead that the join follows a foreign key to
   * the key of the smaller of the two tables (1 / its rows), which holds for the usual schemas (TPC-H's all),
   * until ANALYZE gives the real counts.
   */
  public double equiJoinSelectivity(RelNode left, int leftColumn, RelNode right, int rightColumn) {
    double nl = distinct(left, leftColumn);
    double nr = distinct(right, rightColumn);
    Origin a = origin(left, leftColumn);
    Origin b = origin(right, rightColumn);
    if (a != null && b != null && !a.known() && !b.known()) {
      return 1.0 / Math.max(1, Math.min(rows(a.scan()), rows(b.scan())));
    }
    return 1.0 / Math.max(nl, nr);
  }

  /** The table column a column of a subtree reads unchanged, and whether its distinct count is known. */
  private record Origin(TableScan scan, int column, boolean known) {}

  private Origin origin(RelNode rel, int column) {
    if (rel instanceof TableScan scan) {
      ImmutableBitSet cols = ImmutableBitSet.of(column);
      Double d = mq.getDistinctRowCount(scan, cols, null);
      boolean known = Boolean.TRUE.equals(mq.areColumnsUnique(scan, cols)) || d != null && d > 0 && d < rows(scan);
      return new Origin(scan, column, known);
    }
    if (rel instanceof Filter f) return origin(f.getInput(), column);
    if (rel instanceof Sort s) return origin(s.getInput(), column);
    if (rel instanceof Project p && column < p.getProjects().size()
        && strip(p.getProjects().get(column)) instanceof RexInputRef ref) {
      return origin(p.getInput(), ref.getIndex());
    }
    if (rel instanceof Join j) {
      int leftWidth = j.getLeft().getRowType().getFieldCount();
      if (column < leftWidth) return origin(j.getLeft(), column);
      if (j.getJoinType().projectsRight()) return origin(j.getRight(), column - leftWidth);
    }
    return null;
  }

  /** Groups of an aggregation (estimate_num_groups): the product of the keys' distinct counts, at most the rows. */
  public double groups(RelNode input, ImmutableBitSet keys) {
    double n = rows(input);
    if (Boolean.TRUE.equals(mq.areColumnsUnique(input, keys))) return n;
    double product = 1;
    for (int k : keys) product *= distinct(input, k);
    return Math.min(product, n);
  }

  private static double orDefault(Double d, double otherwise) {
    return d == null || d.isNaN() ? otherwise : d;
  }
}
