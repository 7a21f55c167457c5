package org.minidb.planner.cost;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

/**
 * PostgreSQL's selectivities for a column without statistics (selfuncs.h, clausesel.c): {@code col = v} keeps
 * one of the column's distinct values (200 unless the column is unique or its table smaller),
 * {@code <>} the rest; an inequality a third (DEFAULT_INEQ_SEL), a range bounded on both sides 0.005
 * (DEFAULT_RANGE_INEQ_SEL); IS NULL 0.005, LIKE 0.005, an IN list one equality per value; AND multiplies,
 * OR adds less the overlap. Used where Calcite's metadata only guesses (no statistics provider answered).
 */
final class DefaultSelectivity {
  private DefaultSelectivity() {}

  static final double DEFAULT_RANGE_INEQ_SEL = 0.005;
  static final double DEFAULT_UNK_SEL = 0.005;
  static final double DEFAULT_MATCH_SEL = 0.005;

  static double of(Cardinality c, RelNode input, RexNode condition) {
    double sel = 1;
    // A column bounded below and above: one range (clauselist_selectivity's addRangeClause).
    Map<Integer, int[]> bounds = new HashMap<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      int col = boundColumn(conjunct);
      if (col >= 0) {
        int[] lu = bounds.computeIfAbsent(col, k -> new int[2]);
        lu[isLower(conjunct) ? 0 : 1]++;
        continue;
      }
      sel *= clause(c, input, conjunct);
    }
    for (int[] lu : bounds.values()) {
      if (lu[0] > 0 && lu[1] > 0) sel *= DEFAULT_RANGE_INEQ_SEL;
      else sel *= CostParameters.DEFAULT_INEQ_SEL;
    }
    return sel;
  }

  private static double clause(Cardinality c, RelNode input, RexNode e) {
    if (e.isAlwaysTrue()) return 1;
    if (e.isAlwaysFalse()) return 0;
    if (!(e instanceof RexCall call)) return e instanceof RexInputRef ? 0.5 : CostParameters.DEFAULT_INEQ_SEL;
    List<RexNode> ops = call.getOperands();
    return switch (call.getKind()) {
      case AND -> of(c, input, e);
      case OR -> {
        double s = 0;
        for (RexNode o : ops) {
          double t = clause(c, input, o);
          s = s + t - s * t;
        }
        yield s;
      }
      case NOT -> 1 - clause(c, input, ops.get(0));
      case EQUALS -> equality(c, input, ops);
      case NOT_EQUALS -> 1 - equality(c, input, ops);
      case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> CostParameters.DEFAULT_INEQ_SEL;
      case IS_NULL -> DEFAULT_UNK_SEL;
      case IS_NOT_NULL -> 1 - DEFAULT_UNK_SEL;
      case LIKE, SIMILAR -> DEFAULT_MATCH_SEL;
      case SEARCH -> search(c, input, call);
      default -> CostParameters.DEFAULT_INEQ_SEL;
    };
  }

  /** {@code col = v}: one distinct value of the column (var_eq_const without statistics). */
  private static double equality(Cardinality c, RelNode input, List<RexNode> ops) {
    int col = column(ops.get(0));
    if (col < 0 || RexUtil.containsInputRef(ops.get(1))) col = column(ops.get(1));
    if (col < 0 || col >= input.getRowType().getFieldCount()) return DEFAULT_UNK_SEL;
    return 1.0 / c.distinct(input, col);
  }

  /** An IN list or range set: an equality per point, a default per range. */
  private static double search(Cardinality c, RelNode input, RexCall call) {
    int col = column(call.getOperands().get(0));
    if (!(call.getOperands().get(1) instanceof RexLiteral lit) || !(lit.getValue() instanceof Sarg<?> sarg)) {
      return CostParameters.DEFAULT_INEQ_SEL;
    }
    double eq = col < 0 ? DEFAULT_UNK_SEL : 1.0 / c.distinct(input, col);
    double s;
    if (sarg.isPoints()) {
      s = Math.min(1, sarg.pointCount * eq);
    } else if (sarg.isComplementedPoints()) {
      s = Math.max(0, 1 - sarg.rangeSet.complement().asRanges().size() * eq);
    } else {
      s = 0;
      for (var range : sarg.rangeSet.asRanges()) {
        boolean both = range.hasLowerBound() && range.hasUpperBound();
        boolean point = both && range.lowerEndpoint().equals(range.upperEndpoint());
        s += point ? eq : both ? DEFAULT_RANGE_INEQ_SEL : CostParameters.DEFAULT_INEQ_SEL;
      }
      s = Math.min(1, s);
    }
    if (sarg.nullAs == org.apache.calcite.rex.RexUnknownAs.TRUE) s += DEFAULT_UNK_SEL;
    return s;
  }

  /** The column a bound {@code col < v} (either way round) limits, or -1. */
  private static int boundColumn(RexNode e) {
    SqlKind k = e.getKind();
    if (k != SqlKind.LESS_THAN && k != SqlKind.LESS_THAN_OR_EQUAL && k != SqlKind.GREATER_THAN
        && k != SqlKind.GREATER_THAN_OR_EQUAL) {
      return -1;
    }
    List<RexNode> ops = ((RexCall) e).getOperands();
    int l = column(ops.get(0));
    int r = column(ops.get(1));
    if (l >= 0 && !RexUtil.containsInputRef(ops.get(1))) return l;
    if (r >= 0 && !RexUtil.containsInputRef(ops.get(0))) return r;
    return -1;
  }

  private static boolean isLower(RexNode e) {
    boolean columnLeft = column(((RexCall) e).getOperands().get(0)) >= 0;
    boolean greater = e.getKind() == SqlKind.GREATER_THAN || e.getKind() == SqlKind.GREATER_THAN_OR_EQUAL;
    return greater == columnLeft;
  }

  private static int column(RexNode e) {
    if (e instanceof RexInputRef r) return r.getIndex();
    if (e.getKind() == SqlKind.CAST && ((RexCall) e).getOperands().get(0) instanceof RexInputRef r) return r.getIndex();
    return -1;
  }
}
