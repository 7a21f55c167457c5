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
 * The indexes that can serve a single-table filter (the plan builder costs each against the others and a Seq
 * Scan): an index qualifies when its leading key columns have conditions {@code col = v}, {@code col < v}, ... (or
 * BETWEEN, which arrives as two of them) where {@code v} reads no column — a constant or a parameter — of a type
 * that encodes like the column's. Equalities on a prefix of the key, then one range on the next column, bound the
 * scan. {@link IndexKeyConditions} adds IS NULL, IN lists and LIKE prefixes.
 */
final class IndexPaths {
  private IndexPaths() {}

  /**
   * A chosen index scan. {@code equal} holds one value per leading key column; {@code lower}/{@code upper} the range
   * on the next one in SQL order (null when absent); {@code indexConditions} the conjuncts they came from, written
   * column first as PostgreSQL prints them.
   */
  record Choice(IndexDef index, List<RexNode> equal, RexNode lower, boolean lowerInclusive, RexNode upper,
      boolean upperInclusive, List<RexNode> indexConditions, List<RexNode> rest) {
    /** The descents of the tree: one per value of an IN list (PostgreSQL's num_sa_scans). */
    int scans() {
      int n = 1;
      for (RexNode e : equal) if (e instanceof RexCall c && c.getKind() == SqlKind.OR) n *= c.getOperands().size();
      return n;
    }

    /** Whether the scan finds at most one row: every key of a unique index equal to one value. */
    boolean uniqueMatch() {
      return index.unique() && equal.size() == index.keys().size()
          && equal.stream().noneMatch(RexUtil::containsInputRef); // not IS NULL, not an IN list
    }
  }

  /** The best candidate by rule among those {@code acceptable} admits (a join's inner scan: one using a join key). */
  static Choice choose(TableDef table, RexNode condition, RexBuilder rexBuilder,
      java.util.function.Predicate<Choice> acceptable) {
    for (Choice c : candidates(table, condition, rexBuilder)) if (acceptable.test(c)) return c;
    return null;
  }

  /**
   * One usable conjunct: {@code column op value} or {@code expression op value} (column -1, {@code left} the
   * expression as Calcite prints it), normalized with the column or expression on the left. {@code op} IS_NULL and
   * IN (an IN list, see {@link IndexKeyConditions}) are equalities whose {@code value} is the normalized condition
   * itself. {@code exact} is false when the index condition only narrows the conjunct (a LIKE prefix), which then
   * stays in the rest.
   */
  private record Term(int column, String left, SqlKind op, RexNode value, RexNode normalized, RexNode original,
      boolean exact) {
    Term(int column, String left, SqlKind op, RexNode value, RexNode normalized, RexNode original) {
      this(column, left, op, value, normalized, original, true);
    }

    boolean equality() { return op == SqlKind.EQUALS || op == SqlKind.IS_NULL || op == SqlKind.IN; }
  }

  static List<Choice> candidates(TableDef table, RexNode condition, RexBuilder rexBuilder) {
    return candidates(table, condition, rexBuilder, null);
  }

  /**
   * The indexes the condition can bound, each with its range; best first by rule (more equalities, then a range,
   * then a unique match, then the older index), which breaks ties between equal costs.
   *
   * @param stored parses the expressions and predicates of the table's indexes (null: such indexes are not used)
   */
  static List<Choice> candidates(TableDef table, RexNode condition, RexBuilder rexBuilder, TableExpressions stored) {
    if (table.indexes().isEmpty() || condition == null) return List.of();
    List<RexNode> conjuncts = RelOptUtil.conjunctions(RexUtil.expandSearch(rexBuilder, null, condition));
    List<Term> terms = new ArrayList<>();
    for (RexNode c : conjuncts) {
      Term t = term(table, c, rexBuilder);
      if (t != null) terms.add(t);
      else terms.addAll(otherTerms(table, c, rexBuilder));
    }
    if (terms.isEmpty()) return List.of();
    List<Choice> choices = new ArrayList<>();
    for (IndexDef index : table.indexes()) {
      if (index.needsExpressions() && stored == null) continue;
      IndexExpressionKeys expressions = IndexExpressionKeys.of(table, index, stored, rexBuilder);
      // A partial index has entries only for rows its predicate accepts: usable when the query implies it.
      if (index.partial() && !IndexPredicates.implied(expressions.predicate(), conjuncts)) continue;
      Choice choice = match(table, index, terms, conjuncts, expressions);
      if (choice != null) choices.add(choice);
    }
    choices.sort(java.util.Comparator.comparingInt(IndexPaths::score).reversed());
    return choices;
  }

  /**
   * The order an index scan returns rows in: the index's key columns (positions in the table's row) with their
   * direction and NULL placement (pg_index.indoption), as build_index_pathkeys.
   */
  static List<OrderKey> order(TableDef table, IndexDef index) {
    List<OrderKey> out = new ArrayList<>();
    for (IndexDef.Key k : index.keys()) {
      if (k.isExpression()) break; // rows are ordered by the expression's value, which no column holds
      out.add(new OrderKey(position(table, k.attnum()), k.descending(), k.nullsFirst()));
    }
    return List.copyOf(out);
  }

  /**
   * The index scans that return rows in the order {@code wanted} (over the table's columns): an index whose key
   * order starts with it, or does after key columns the condition fixes to one value (PostgreSQL drops such
   * redundant pathkeys), each with its usable conditions or, without any, over the whole index. Scanning
   * backwards (which reverses direction and NULL placement) is not offered: the scan of MiniDB's B-tree only
   * goes forward.
   */
  /** An index scan whose rows come out in a wanted order, reading the index forward or {@code backward}. */
  record Ordered(Choice choice, boolean backward, List<OrderKey> order) {}

  /**
   * The index scans that return rows in the order {@code wanted} (over the table's columns), as
   * build_index_pathkeys and its backward twin: an index whose key order, read forward or backward (which flips
   * direction and NULL placement of every key), starts with it, or does after key columns the condition fixes to
   * one value (PostgreSQL drops such redundant pathkeys); each with its usable conditions or, without any, over
   * the whole index.
   */
  static List<Ordered> ordered(TableDef table, RexNode condition, RexBuilder rexBuilder, List<OrderKey> wanted) {
    if (table.indexes().isEmpty() || wanted.isEmpty()) return List.of();
    List<Choice> bounded = candidates(table, condition, rexBuilder);
    List<Ordered> out = new ArrayList<>();
    for (IndexDef index : table.indexes()) {
      // Only plain indexes: a partial one lacks the rows its predicate rejects (the order must not lose them), and
      // one with expressions is not compiled here.
      if (index.needsExpressions() || index.partial()) continue;
      Choice c = bounded.stream().filter(b -> b.index() == index).findFirst().orElse(null);
      if (c == null) {
        List<RexNode> rest = condition == null ? List.of()
            : RelOptUtil.conjunctions(RexUtil.expandSearch(rexBuilder, null, condition));
        c = new Choice(index, List.of(), null, false, null, false, List.of(), List.copyOf(rest));
      }
      List<OrderKey> forward = order(table, index);
      int fixed = (int) c.equal().stream().takeWhile(e -> !RexUtil.containsInputRef(e)).count();
      for (boolean backward : new boolean[] {false, true}) {
        List<OrderKey> order = backward ? forward.stream().map(OrderKey::reversed).toList() : forward;
        if (OrderKey.satisfies(order, wanted)) {
          out.add(new Ordered(c, backward, order));
        } else if (OrderKey.satisfies(order.subList(fixed, order.size()), wanted)) {
          out.add(new Ordered(c, backward, order.subList(fixed, order.size())));
        }
      }
    }
    return out;
  }

  private static int score(Choice c) {
    return c.equal().size() * 4 + (c.lower() != null || c.upper() != null ? 2 : 0) + (c.uniqueMatch() ? 1 : 0);
  }

  private static Choice match(TableDef table, IndexDef index, List<Term> terms, List<RexNode> conjuncts,
      IndexExpressionKeys expressions) {
    List<RexNode> equal = new ArrayList<>();
    List<Term> used = new ArrayList<>();
    Term lower = null;
    Term upper = null;
    int expression = 0;
    for (IndexDef.Key key : index.keys()) {
      java.util.function.Predicate<Term> on;
      if (key.isExpression()) {
        String printed = expressions.expressions().get(expression);
        DataType type = expressions.types().get(expression++);
        on = t -> t.column < 0 && t.left.equals(printed) && encodesLike(type, ExprCompiler.typeOf(t.value));
      } else {
        int column = position(table, key.attnum());
        on = t -> t.column == column;
      }
      // A plain equality before an IS NULL or IN list on the same column (it scans one range). An IN list only on
      // the first key column: one scan per value keeps the index order, as PostgreSQL's first choice of paths does.
      boolean first = equal.isEmpty();
      Term eq = terms.stream().filter(t -> on.test(t) && t.op == SqlKind.EQUALS).findFirst()
          .or(() -> terms.stream().filter(t -> on.test(t) && t.equality() && (first || t.op != SqlKind.IN))
              .findFirst()).orElse(null);
      if (eq != null) {
        equal.add(eq.value);
        used.add(eq);
        continue;
      }
      for (Term t : terms) {
        if (!on.test(t)) continue;
        if (lower == null && (t.op == SqlKind.GREATER_THAN || t.op == SqlKind.GREATER_THAN_OR_EQUAL)) lower = t;
        if (upper == null && (t.op == SqlKind.LESS_THAN || t.op == SqlKind.LESS_THAN_OR_EQUAL)) upper = t;
      }
      if (lower != null) used.add(lower);
      if (upper != null) used.add(upper);
      break;
    }
    if (used.isEmpty()) return null;
    List<RexNode> indexConditions = new ArrayList<>();
    List<RexNode> rest = new ArrayList<>(IndexPredicates.withoutPredicate(conjuncts, expressions.predicate()));
    for (Term t : used) {
      indexConditions.add(t.normalized);
      if (t.exact) rest.remove(t.original);
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
    if (!RexUtil.containsInputRef(left) && RexUtil.containsInputRef(right)) {
      RexNode t = left;
      left = right;
      right = t;
      flipped = true;
      kind = kind.reverse();
    }
    if (RexUtil.containsInputRef(right) || !RexUtil.isDeterministic(right)) return null;
    RexNode normalized = flipped ? rexBuilder.makeCall(operator(kind), left, right) : call;
    if (!(left instanceof RexInputRef ref)) {
      // An expression over columns: it may be an index's expression key (its type is checked on matching).
      if (!RexUtil.containsInputRef(left) || !RexUtil.isDeterministic(left)) return null;
      return new Term(-1, left.toString(), kind, right, normalized, node);
    }
    if (ref.getIndex() >= table.columns().size()) return null;
    ColumnDef column = table.columns().get(ref.getIndex());
    if (!encodesLike(column.type(), ExprCompiler.typeOf(right))) return null;
    return new Term(ref.getIndex(), left.toString(), kind, right, normalized, node);
  }

  /** The conjuncts {@link IndexKeyConditions} knows: IS NULL, an IN list, a LIKE prefix (two terms). */
  private static List<Term> otherTerms(TableDef table, RexNode node, RexBuilder rexBuilder) {
    int nullColumn = IndexKeyConditions.isNullColumn(node);
    if (nullColumn >= 0 && nullColumn < table.columns().size()) {
      return List.of(new Term(nullColumn, null, SqlKind.IS_NULL, node, node, node));
    }
    List<RexNode> in = IndexKeyConditions.inList(node, rexBuilder);
    if (in != null) {
      int column = ((RexInputRef) ((RexCall) in.get(0)).getOperands().get(0)).getIndex();
      if (column >= table.columns().size()) return List.of();
      for (RexNode d : in) {
        if (!encodesLike(table.columns().get(column).type(), ExprCompiler.typeOf(((RexCall) d).getOperands().get(1)))) {
          return List.of();
        }
      }
      RexNode normalized = rexBuilder.makeCall(SqlStdOperatorTable.OR, in);
      return List.of(new Term(column, null, SqlKind.IN, normalized, normalized, node));
    }
    IndexKeyConditions.LikePrefix like = IndexKeyConditions.likePrefix(node);
    if (like == null || like.prefix().isEmpty()) return List.of();
    RexInputRef ref = (RexInputRef) ((RexCall) node).getOperands().get(0);
    PgType type = ref.getIndex() < table.columns().size() ? table.columns().get(ref.getIndex()).type().type() : null;
    if (type != PgType.TEXT && type != PgType.VARCHAR) return List.of();
    org.apache.calcite.util.NlsString pattern = ((org.apache.calcite.rex.RexLiteral) ((RexCall) node).getOperands()
        .get(1)).getValueAs(org.apache.calcite.util.NlsString.class);
    java.util.function.Function<String, RexNode> literal = v -> rexBuilder.makeCharLiteral(
        new org.apache.calcite.util.NlsString(v, pattern.getCharsetName(), pattern.getCollation()));
    RexNode prefix = literal.apply(like.prefix());
    if (like.exact()) {
      return List.of(new Term(ref.getIndex(), null, SqlKind.EQUALS, prefix,
          rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, ref, prefix), node, false));
    }
    List<Term> out = new ArrayList<>();
    out.add(new Term(ref.getIndex(), null, SqlKind.GREATER_THAN_OR_EQUAL, prefix,
        rexBuilder.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, ref, prefix), node, false));
    String greater = IndexKeyConditions.greaterString(like.prefix());
    if (greater != null) {
      RexNode upper = literal.apply(greater);
      out.add(new Term(ref.getIndex(), null, SqlKind.LESS_THAN, upper,
          rexBuilder.makeCall(SqlStdOperatorTable.LESS_THAN, ref, upper), node, false));
    }
    return out;
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
