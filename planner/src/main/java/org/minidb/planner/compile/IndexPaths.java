package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;

/**
 * The rule-based choice of an index for a single-table filter (until the cost-based phase comes with ANALYZE):
 * an index qualifies when its leading key columns have conditions {@code col = v}, {@code col < v}, ... (or
 * BETWEEN, which arrives as two of them) where {@code v} reads no column — a constant or a parameter — of a type
 * that encodes like the column's. Equalities on a prefix of the key, then one range on the next column, bound the
 * scan; the index with the most equalities wins (then one with a range, then a unique one, then the oldest).
 */
final class IndexPaths {
  private IndexPaths() {}

  /**
   * A chosen index scan. {@code equal} holds one value per leading key column; {@code lower}/{@code upper} the range
   * on the next one in SQL order (null when absent); {@code indexConditions} the conjuncts they came from, written
   * column first as PostgreSQL prints them.
   */
  record Choice(IndexDef index, List<RexNode> equal, RexNode lower, boolean lowerInclusive, RexNode upper,
      boolean upperInclusive, List<RexNode> indexConditions, List<RexNode> rest) {}

  /** One usable conjunct: {@code column op value}, normalized with the column on the left. */
  private record Term(int column, SqlKind op, RexNode value, RexNode normalized, RexNode original) {}

  static Choice choose(TableDef table, RexNode condition, RexBuilder rexBuilder) {
    return choose(table, condition, rexBuilder, c -> true);
  }

  /** The best choice among those {@code acceptable} admits (a join's inner scan: one using a join key). */
  static Choice choose(TableDef table, RexNode condition, RexBuilder rexBuilder,
      java.util.function.Predicate<Choice> acceptable) {
    if (table.indexes().isEmpty() || condition == null) return null;
    List<RexNode> conjuncts = RelOptUtil.conjunctions(RexUtil.expandSearch(rexBuilder, null, condition));
    List<Term> terms = new ArrayList<>();
    for (RexNode c : conjuncts) {
      Term t = term(table, c, rexBuilder);
      if (t != null) terms.add(t);
    }
    if (terms.isEmpty()) return null;
    Choice best = null;
    int bestScore = 0;
    for (IndexDef index : table.indexes()) {
      Choice choice = match(table, index, terms, conjuncts);
      if (choice == null || !acceptable.test(choice)) continue;
      int score = choice.equal().size() * 4 + (choice.lower() != null || choice.upper() != null ? 2 : 0)
          + (index.unique() && choice.equal().size() == index.keys().size() ? 1 : 0);
      if (score > bestScore) {
        best = choice;
        bestScore = score;
      }
    }
    return best;
  }

  private static Choice match(TableDef table, IndexDef index, List<Term> terms, List<RexNode> conjuncts) {
    List<RexNode> equal = new ArrayList<>();
    List<Term> used = new ArrayList<>();
    Term lower = null;
    Term upper = null;
    for (IndexDef.Key key : index.keys()) {
      int column = position(table, key.attnum());
      Term eq = terms.stream().filter(t -> t.column == column && t.op == SqlKind.EQUALS).findFirst().orElse(null);
      if (eq != null) {
        equal.add(eq.value);
        used.add(eq);
        continue;
      }
      for (Term t : terms) {
        if (t.column != column) continue;
        if (lower == null && (t.op == SqlKind.GREATER_THAN || t.op == SqlKind.GREATER_THAN_OR_EQUAL)) lower = t;
        if (upper == null && (t.op == SqlKind.LESS_THAN || t.op == SqlKind.LESS_THAN_OR_EQUAL)) upper = t;
      }
      if (lower != null) used.add(lower);
      if (upper != null) used.add(upper);
      break;
    }
    if (used.isEmpty()) return null;
    List<RexNode> indexConditions = new ArrayList<>();
    List<RexNode> rest = new ArrayList<>(conjuncts);
    for (Term t : used) {
      indexConditions.add(t.normalized);
      rest.remove(t.original);
    }
    return new Choice(index, List.copyOf(equal), lower == null ? null : lower.value,
        lower != null && lower.op == SqlKind.GREATER_THAN_OR_EQUAL, upper == null ? null : upper.value,
        upper != null && upper.op == SqlKind.LESS_THAN_OR_EQUAL, List.copyOf(indexConditions), List.copyOf(rest));
  }

  private static int position(TableDef table, int attnum) {
    for (int i = 0; i < table.columns().size(); i++) if (table.columns().get(i).attnum() == attnum) return i;
    return -1;
  }

  private static Term term(TableDef table, RexNode node, RexBuilder rexBuilder) {
    if (!(node instanceof RexCall call) || call.getOperands().size() != 2) return null;
    SqlKind kind = call.getKind();
    if (kind != SqlKind.EQUALS && kind != SqlKind.LESS_THAN && kind != SqlKind.LESS_THAN_OR_EQUAL
        && kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL) {
      return null;
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    boolean flipped = false;
    if (!(left instanceof RexInputRef) && right instanceof RexInputRef) {
      RexNode t = left;
      left = right;
      right = t;
      flipped = true;
      kind = kind.reverse();
    }
    if (!(left instanceof RexInputRef ref) || ref.getIndex() >= table.columns().size()) return null;
    if (RexUtil.containsInputRef(right) || !RexUtil.isDeterministic(right)) return null;
    ColumnDef column = table.columns().get(ref.getIndex());
    if (!encodesLike(column.type(), ExprCompiler.typeOf(right))) return null;
    RexNode normalized = flipped ? rexBuilder.makeCall(operator(kind), left, right) : call;
    return new Term(ref.getIndex(), kind, right, normalized, node);
  }

  private static SqlOperator operator(SqlKind kind) {
    return switch (kind) {
      case LESS_THAN -> SqlStdOperatorTable.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> SqlStdOperatorTable.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL -> SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
      default -> SqlStdOperatorTable.EQUALS;
    };
  }

  /** Whether a value of type {@code value} gives the column's KeyCodec the Java value and order it expects. */
  private static boolean encodesLike(DataType column, DataType value) {
    PgType c = column.type();
    PgType v = value.type();
    if (c == v) return true;
    if (isInteger(c)) return isInteger(v);
    if (c == PgType.FLOAT4 || c == PgType.FLOAT8) return isInteger(v) || v == PgType.FLOAT4 || v == PgType.FLOAT8;
    if (c == PgType.TEXT || c == PgType.VARCHAR) return v == PgType.TEXT || v == PgType.VARCHAR;
    return false;
  }

  private static boolean isInteger(PgType t) {
    return t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8;
  }
}
