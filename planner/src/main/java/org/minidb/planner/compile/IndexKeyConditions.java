package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.plan.IndexKeyValues;

/**
 * The index conditions beyond {@code col op value}, as PostgreSQL's btree accepts them:
 * <ul>
 *   <li>{@code col IS NULL}: the NULL entries (an equality on the column's NULL key);
 *   <li>an IN list, which MiniDB reads as {@code col = v1 OR col = v2 ...}: PostgreSQL's ScalarArrayOpExpr
 *       {@code col = ANY (...)}, one scan per value;
 *   <li>a LIKE pattern with a fixed prefix on a text column, PostgreSQL's prefix_quals: {@code s LIKE 'ab%'} gives
 *       {@code s >= 'ab' AND s < 'ac'} (the LIKE stays as the filter); a pattern without wildcards gives
 *       {@code s = 'ab'}. Valid because MiniDB compares text by bytes (PostgreSQL's "C" collation, where it does
 *       the same).
 * </ul>
 * In a scan's equality prefix an IS NULL or IN-list condition stands as its own normalized condition (which reads
 * the column, so it is never mistaken for a value, which reads none); {@link #keyValues} turns the prefix into the
 * executor's key expressions.
 */
final class IndexKeyConditions {
  private IndexKeyConditions() {}

  /** The column an IS NULL reads, or -1. */
  static int isNullColumn(RexNode node) {
    return node instanceof RexCall c && c.getKind() == SqlKind.IS_NULL && c.getOperands().get(0) instanceof RexInputRef r
        ? r.getIndex() : -1;
  }

  /**
   * An IN list over one column: an OR whose every disjunct is {@code col = value} (either way round) with the
   * same column and values that read no column. Returns the disjuncts normalized column first, or null.
   */
  static List<RexNode> inList(RexNode node, RexBuilder rexBuilder) {
    if (!(node instanceof RexCall or) || or.getKind() != SqlKind.OR) return null;
    List<RexNode> out = new ArrayList<>();
    int column = -1;
    for (RexNode d : or.getOperands()) {
      if (!(d instanceof RexCall eq) || eq.getKind() != SqlKind.EQUALS) return null;
      RexNode left = eq.getOperands().get(0);
      RexNode right = eq.getOperands().get(1);
      if (!(left instanceof RexInputRef) && right instanceof RexInputRef) {
        RexNode t = left;
        left = right;
        right = t;
      }
      if (!(left instanceof RexInputRef ref) || RexUtil.containsInputRef(right) || !RexUtil.isDeterministic(right)) {
        return null;
      }
      if (column >= 0 && ref.getIndex() != column) return null;
      column = ref.getIndex();
      out.add(left == eq.getOperands().get(0) ? eq : rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, left, right));
    }
    return out.size() < 2 ? null : out;
  }

  /** The literal prefix of a LIKE pattern (backslash escapes), and whether the pattern is only that prefix. */
  record LikePrefix(String prefix, boolean exact) {}

  /** {@code col LIKE 'literal'} with the default escape: its fixed prefix, or null. */
  static LikePrefix likePrefix(RexNode node) {
    if (!(node instanceof RexCall like) || like.getKind() != SqlKind.LIKE || like.getOperands().size() != 2) return null;
    if (like.getOperator().getName().toUpperCase(java.util.Locale.ROOT).contains("ILIKE")) return null;
    if (!(like.getOperands().get(0) instanceof RexInputRef)
        || !(like.getOperands().get(1) instanceof RexLiteral lit) || lit.isNull()) {
      return null;
    }
    String pattern = lit.getValueAs(String.class);
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%' || c == '_') return new LikePrefix(prefix.toString(), false);
      if (c == '\\') {
        if (++i == pattern.length()) return null; // a trailing escape is an error when matched: no index
        c = pattern.charAt(i);
      }
      prefix.append(c);
    }
    return new LikePrefix(prefix.toString(), true);
  }

  /**
   * The smallest string greater than every string starting with {@code prefix} (PostgreSQL's make_greater_string):
   * the last character incremented (code point order is UTF-8's byte order), dropped when it is the greatest and
   * the one before it tried; null when there is none.
   */
  static String greaterString(String prefix) {
    int[] cps = prefix.codePoints().toArray();
    for (int n = cps.length; n > 0; n--) {
      int c = cps[n - 1] + 1;
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) c = Character.MAX_SURROGATE + 1;
      if (c <= Character.MAX_CODE_POINT) {
        cps[n - 1] = c;
        return new String(cps, 0, n);
      }
    }
    return null;
  }

  /** The executor's key expressions of an equality prefix: values, IS NULL markers and IN lists. */
  static List<Expr> keyValues(List<RexNode> equal, ExprCompiler compiler, RexBuilder rexBuilder) {
    List<Expr> out = new ArrayList<>(equal.size());
    for (RexNode e : equal) {
      if (isNullColumn(e) >= 0) {
        out.add(IndexKeyValues.IS_NULL);
        continue;
      }
      List<RexNode> in = inList(e, rexBuilder);
      if (in == null) {
        out.add(compiler.compile(e));
        continue;
      }
      List<Expr> values = new ArrayList<>(in.size());
      for (RexNode d : in) values.add(compiler.compile(((RexCall) d).getOperands().get(1)));
      out.add(new IndexKeyValues.AnyOf(values));
    }
    return out;
  }
}
