package org.minidb.planner.compile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * When a partial index may serve a query: a simple form of PostgreSQL's predicate_implied_by. The index's
 * predicate is implied by the query's WHERE when each of its conjuncts is
 * <ul>
 *   <li>one of the query's conjuncts (the same expression tree, compared as Calcite prints it), or
 *   <li>a range {@code col op number} implied by a comparison of the query on the same column with a number
 *       ({@code b = 7} or {@code b > 6} imply {@code b > 5}; text ranges would need the collation), or
 *   <li>{@code col IS NOT NULL} where the query compares {@code col} with a constant (comparisons are strict:
 *       they are never true of NULL).
 * </ul>
 * Anything else is "not implied", so the index is not used: never wrong, sometimes a missed index.
 */
final class IndexPredicates {
  private IndexPredicates() {}

  /** A comparison {@code operand op constant}, with the operand on the left. */
  private record Comparison(String operand, SqlKind op, Comparable<Object> value) {}

  static List<RexNode> conjuncts(RexBuilder rexBuilder, RexNode condition) {
    return RelOptUtil.conjunctions(RexUtil.expandSearch(rexBuilder, null, condition));
  }

  /** Whether the query's conjuncts imply every conjunct of the predicate. */
  static boolean implied(List<RexNode> predicate, List<RexNode> query) {
    List<String> queryTexts = new ArrayList<>();
    for (RexNode q : query) {
      queryTexts.add(q.toString());
      // PostgreSQL simplifies bool = true to bool before proving: "WHERE active = true" implies "active".
      if (q.getKind() == SqlKind.EQUALS && q instanceof RexCall call && call.getOperands().get(1).isAlwaysTrue()
          && call.getOperands().get(1) instanceof RexLiteral) {
        queryTexts.add(call.getOperands().get(0).toString());
      }
    }
    List<Comparison> comparisons = new ArrayList<>();
    for (RexNode q : query) {
      Comparison c = comparison(q);
      if (c != null) comparisons.add(c);
    }
    for (RexNode p : predicate) {
      if (queryTexts.contains(p.toString())) continue;
      if (p.getKind() == SqlKind.IS_NOT_NULL && p instanceof RexCall call) {
        String operand = call.getOperands().get(0).toString();
        if (comparisons.stream().anyMatch(c -> c.operand.equals(operand))) continue;
        return false;
      }
      Comparison needed = comparison(p);
      if (needed == null || comparisons.stream().noneMatch(c -> implies(c, needed))) return false;
    }
    return true;
  }

  /** The query conjuncts a scan of the partial index need not check again: those that are predicate conjuncts. */
  static List<RexNode> withoutPredicate(List<RexNode> conjuncts, List<RexNode> predicate) {
    List<String> texts = predicate.stream().map(RexNode::toString).toList();
    return conjuncts.stream().filter(c -> !texts.contains(c.toString())).toList();
  }

  /** Whether {@code q} (of the query) implies {@code p} (of the predicate), both on the same operand. */
  private static boolean implies(Comparison q, Comparison p) {
    if (!q.operand.equals(p.operand) || q.value == null || p.value == null) return false;
    int cmp;
    try {
      cmp = q.value.compareTo(p.value);
    } catch (ClassCastException e) {
      return false; // constants of different kinds: not provable here
    }
    return switch (p.op) {
      case EQUALS -> q.op == SqlKind.EQUALS && cmp == 0;
      case GREATER_THAN -> (q.op == SqlKind.EQUALS || q.op == SqlKind.GREATER_THAN_OR_EQUAL) ? cmp > 0
          : q.op == SqlKind.GREATER_THAN && cmp >= 0;
      case GREATER_THAN_OR_EQUAL -> (q.op == SqlKind.EQUALS || q.op == SqlKind.GREATER_THAN
          || q.op == SqlKind.GREATER_THAN_OR_EQUAL) && cmp >= 0;
      case LESS_THAN -> (q.op == SqlKind.EQUALS || q.op == SqlKind.LESS_THAN_OR_EQUAL) ? cmp < 0
          : q.op == SqlKind.LESS_THAN && cmp <= 0;
      case LESS_THAN_OR_EQUAL -> (q.op == SqlKind.EQUALS || q.op == SqlKind.LESS_THAN
          || q.op == SqlKind.LESS_THAN_OR_EQUAL) && cmp <= 0;
      default -> false;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparison comparison(RexNode node) {
    if (!(node instanceof RexCall call) || call.getOperands().size() != 2) return null;
    SqlKind kind = call.getKind();
    if (kind != SqlKind.EQUALS && kind != SqlKind.LESS_THAN && kind != SqlKind.LESS_THAN_OR_EQUAL
        && kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL) {
      return null;
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    if (constant(left) != null && constant(right) == null) {
      RexNode t = left;
      left = right;
      right = t;
      kind = kind.reverse();
    }
    RexLiteral value = constant(right);
    if (value == null || value.isNull() || !RexUtil.containsInputRef(left)) return null;
    // Only numbers: text ranges would need the column's collation, which Java's String order is not.
    if (!SqlTypeUtil.isNumeric(value.getType())) {
      return kind == SqlKind.EQUALS ? new Comparison(strip(left).toString(), kind, null) : null;
    }
    BigDecimal v = value.getValueAs(BigDecimal.class);
    return v == null ? null : new Comparison(strip(left).toString(), kind, (Comparable) v);
  }

  /** A literal, also under casts Calcite adds to constants. */
  private static RexLiteral constant(RexNode node) {
    RexNode n = strip(node);
    return n instanceof RexLiteral l ? l : null;
  }

  /** A column or constant under a cast within its type family (Calcite's CAST($1):BIGINT) compares as itself. */
  private static RexNode strip(RexNode node) {
    while (node.getKind() == SqlKind.CAST && node instanceof RexCall c
        && (c.getOperands().get(0) instanceof RexInputRef || c.getOperands().get(0) instanceof RexLiteral)
        && c.getType().getFamily() == c.getOperands().get(0).getType().getFamily()) {
      node = c.getOperands().get(0);
    }
    return node;
  }
}
