package org.minidb.planner.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.minidb.planner.compile.Literals;

/**
 * PostgreSQL's restriction selectivity (clausesel.c over selfuncs.c) for a condition over one table's row:
 * the fraction of rows it keeps. The public entry points of MiniDB's estimators:
 * <ul>
 *   <li>{@link #restriction(RexNode, TableStatistics)}: a condition over a table scan's columns;</li>
 *   <li>{@link #restriction(RexNode, IntFunction)}: the same with the columns resolved by the caller;</li>
 *   <li>{@link JoinSelectivity#equiJoin}: {@code a.x = b.y} (eqjoinsel).</li>
 * </ul>
 * AND multiplies (independence), except that a lower and an upper bound on one column form a range
 * ({@code hisel + losel - 1}, PostgreSQL's range pairing); OR is {@code s1 + s2 - s1*s2}; NOT is {@code 1 - s}.
 * {@code SEARCH} (IN lists, BETWEEN, Calcite's merged ranges) sums its disjoint points and ranges, as
 * scalararraysel does for {@code = ANY}. Clauses not understood get PostgreSQL's defaults.
 */
public final class Selectivity {
  private Selectivity() {}

  public static double restriction(RexNode condition, TableStatistics table) {
    return restriction(condition, table::column);
  }

  /** @param columns the statistics of the input field of that index (an unknown column when there are none) */
  public static double restriction(RexNode condition, IntFunction<ColumnStats> columns) {
    if (condition == null || condition.isAlwaysTrue()) return 1.0;
    if (condition.isAlwaysFalse()) return 0.0;
    return ScalarSelectivity.clamp(clause(condition, columns));
  }

  static double clause(RexNode node, IntFunction<ColumnStats> columns) {
    if (node instanceof RexInputRef ref) return ScalarSelectivity.boolVar(columns.apply(ref.getIndex()));
    if (node instanceof RexLiteral lit) {
      Object v = lit.getValue();
      return Boolean.TRUE.equals(v) ? 1.0 : 0.0;
    }
    if (!(node instanceof RexCall call)) return ScalarSelectivity.DEFAULT_UNKNOWN_CLAUSE;
    return switch (call.getKind()) {
      case AND -> and(call.getOperands(), columns);
      case OR -> {
        Double in = inList(call.getOperands(), columns);
        if (in != null) yield in;
        double s = 0;
        for (RexNode o : call.getOperands()) {
          double s2 = clause(o, columns);
          s = s + s2 - s * s2;
        }
        yield s;
      }
      case NOT -> 1.0 - clause(call.getOperands().get(0), columns);
      case IS_NULL, IS_NOT_NULL -> {
        RexInputRef ref = column(call.getOperands().get(0));
        boolean not = call.getKind() == SqlKind.IS_NOT_NULL;
        yield ref == null ? (not ? ScalarSelectivity.DEFAULT_NOT_UNK_SEL : ScalarSelectivity.DEFAULT_UNK_SEL)
            : ScalarSelectivity.isNull(columns.apply(ref.getIndex()), not);
      }
      case IS_TRUE -> clause(call.getOperands().get(0), columns);
      case IS_FALSE, IS_NOT_TRUE -> 1.0 - clause(call.getOperands().get(0), columns);
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
          comparison(call, columns);
      case SEARCH -> SargSelectivity.search(call, columns);
      case LIKE -> ScalarSelectivity.DEFAULT_EQ_SEL; // PostgreSQL's DEFAULT_MATCH_SEL
      default -> ScalarSelectivity.DEFAULT_UNKNOWN_CLAUSE;
    };
  }

  /**
   * {@code c = v1 OR c = v2 ...} on one column with constants: Calcite's expansion of a short IN list, estimated
   * as PostgreSQL estimates the {@code c = ANY ('{v1,v2}')} it makes of IN: the disjoint shares summed (unless
   * that exceeds 1). Null when the operands are anything else.
   */
  private static Double inList(List<RexNode> operands, IntFunction<ColumnStats> columns) {
    int field = -1;
    double sum = 0;
    for (RexNode o : operands) {
      Bound b = o instanceof RexCall c && c.getKind() == SqlKind.EQUALS ? bound(c) : null;
      if (b == null || !b.constant() || (field >= 0 && b.field() != field)) return null;
      field = b.field();
      sum += ScalarSelectivity.eqConst(columns.apply(field), b.value());
    }
    return sum <= 1.0 ? sum : null;
  }

  /** A comparison normalized to {@code column OP value}. */
  record Bound(int field, SqlKind op, boolean constant, Object value) {}

  /** Conjuncts multiplied, with one-sided bounds on the same column paired into ranges (clauselist_selectivity). */
  private static double and(List<RexNode> operands, IntFunction<ColumnStats> columns) {
    double s = 1.0;
    Map<Integer, double[]> ranges = new LinkedHashMap<>(); // field -> {lobound sel, hibound sel}, NaN = none
    List<RexNode> flat = new ArrayList<>();
    for (RexNode o : operands) flat.addAll(org.apache.calcite.plan.RelOptUtil.conjunctions(o));
    for (RexNode o : flat) {
      Bound b = o instanceof RexCall c ? bound(c) : null;
      boolean isRange = b != null && switch (b.op()) {
        case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> true;
        default -> false;
      };
      if (!isRange) {
        s *= clause(o, columns);
        continue;
      }
      double sel = comparison(b, columns.apply(b.field()));
      double[] r = ranges.computeIfAbsent(b.field(), k -> new double[] {Double.NaN, Double.NaN});
      int side = b.op() == SqlKind.GREATER_THAN || b.op() == SqlKind.GREATER_THAN_OR_EQUAL ? 0 : 1;
      r[side] = Double.isNaN(r[side]) ? sel : Math.min(r[side], sel);
    }
    for (Map.Entry<Integer, double[]> e : ranges.entrySet()) {
      double lo = e.getValue()[0];
      double hi = e.getValue()[1];
      if (Double.isNaN(lo)) s *= hi;
      else if (Double.isNaN(hi)) s *= lo;
      else s *= range(lo, hi, columns.apply(e.getKey()));
    }
    return s;
  }

  /** A lower bound's and an upper bound's selectivities combined into the range between them. */
  static double range(double lo, double hi, ColumnStats column) {
    if (lo == ScalarSelectivity.DEFAULT_INEQ_SEL || hi == ScalarSelectivity.DEFAULT_INEQ_SEL) {
      return ScalarSelectivity.DEFAULT_RANGE_INEQ_SEL;
    }
    double s = hi + lo - 1.0 + ScalarSelectivity.isNull(column, false); // nulls were excluded twice
    if (s <= 0.0) s = s < -0.01 ? ScalarSelectivity.DEFAULT_RANGE_INEQ_SEL : 1.0e-10;
    return s;
  }

  private static double comparison(RexCall call, IntFunction<ColumnStats> columns) {
    Bound b = bound(call);
    if (b == null) {
      // Two columns, or an expression: PostgreSQL's defaults for a clause it cannot attribute to one column.
      return switch (call.getKind()) {
        case EQUALS -> ScalarSelectivity.DEFAULT_EQ_SEL;
        case NOT_EQUALS -> 1.0 - ScalarSelectivity.DEFAULT_EQ_SEL;
        default -> ScalarSelectivity.DEFAULT_INEQ_SEL;
      };
    }
    return comparison(b, columns.apply(b.field()));
  }

  static double comparison(Bound b, ColumnStats column) {
    if (!b.constant()) {
      return switch (b.op()) {
        case EQUALS -> ScalarSelectivity.eqNonConst(column);
        case NOT_EQUALS -> ScalarSelectivity.clamp(1.0 - ScalarSelectivity.eqNonConst(column) - column.nullFrac());
        default -> ScalarSelectivity.DEFAULT_INEQ_SEL;
      };
    }
    return switch (b.op()) {
      case EQUALS -> ScalarSelectivity.eqConst(column, b.value());
      case NOT_EQUALS -> ScalarSelectivity.neConst(column, b.value());
      case LESS_THAN -> ScalarSelectivity.inequality(column, false, false, b.value());
      case LESS_THAN_OR_EQUAL -> ScalarSelectivity.inequality(column, false, true, b.value());
      case GREATER_THAN -> ScalarSelectivity.inequality(column, true, false, b.value());
      case GREATER_THAN_OR_EQUAL -> ScalarSelectivity.inequality(column, true, true, b.value());
      default -> ScalarSelectivity.DEFAULT_UNKNOWN_CLAUSE;
    };
  }

  /** {@code column OP literal}, {@code literal OP column} (reversed) or {@code column OP $n}; else null. */
  static Bound bound(RexCall call) {
    if (call.getOperands().size() != 2) return null;
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    SqlKind op = call.getKind();
    RexInputRef ref = column(a);
    RexNode other = b;
    if (ref == null) {
      ref = column(b);
      other = a;
      op = op.reverse();
    }
    if (ref == null) return null;
    RexNode value = RexUtil.removeCast(other);
    if (value instanceof RexLiteral lit) {
      // SEARCH(col, Sarg) is not one comparison (SargSelectivity reads it); its literal has no single value.
      if (lit.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.SARG) return null;
      try {
        Object v = Literals.value(lit);
        if (v instanceof String text && value != other) {
          // A string cast to another type ('200'::int4, as a custom plan inlines a parameter): the cast's value.
          org.minidb.common.types.PgType type =
              org.minidb.planner.catalog.TypeMapping.resultType(other.getType()).type();
          if (!type.isString()) v = org.minidb.common.types.TextFormat.parse(type, text);
        }
        return new Bound(ref.getIndex(), op, true, v);
      } catch (RuntimeException | AssertionError e) { // Calcite asserts on values it cannot convert
        return new Bound(ref.getIndex(), op, false, null); // a literal of a type the executor has no value for
      }
    }
    if (value instanceof RexDynamicParam) return new Bound(ref.getIndex(), op, false, null);
    return null;
  }

  /** The column an operand reads, through casts (PostgreSQL's examine_variable strips relabelling). */
  static RexInputRef column(RexNode node) {
    RexNode n = RexUtil.removeCast(node);
    return n instanceof RexInputRef ref ? ref : null;
  }
}
