package org.minidb.planner.validate;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.parse.PgLexicalFront;

/**
 * {@code SELECT DISTINCT ON (a, b) ...}: PostgreSQL keeps the first row of each group of equal (a, b) in
 * ORDER BY order, and requires the DISTINCT ON expressions to be the leftmost ORDER BY expressions. The
 * lexical front turns the clause into a marker call as the first select item; this takes it out, checks
 * the ORDER BY (or makes it {@code ORDER BY a, b} where there is none, as PostgreSQL's sort-based plan
 * orders the result), and gives the plan builder the number of keys: the topmost sort of the plan is then
 * followed by a Unique on its first {@code keys} columns. Only the statement's outer SELECT may use it.
 */
public final class DistinctOn {
  private DistinctOn() {}

  /** Removes the marker; returns the number of DISTINCT ON keys of the outer SELECT, 0 if none. */
  static int extract(SqlNode top) {
    SqlSelect select = top instanceof SqlSelect s ? s
        : top instanceof SqlOrderBy o && o.query instanceof SqlSelect s ? s : null;
    int keys = 0;
    if (select != null && marker(select) != null) {
      SqlBasicCall m = marker(select);
      List<SqlNode> on = m.getOperandList();
      keys = on.size();
      SqlNodeList items = new SqlNodeList(select.getSelectList().getList().subList(1, select.getSelectList().size()),
          select.getSelectList().getParserPosition());
      select.setSelectList(items);
      SqlNodeList orderBy = top instanceof SqlOrderBy o ? o.orderList : select.getOrderList();
      if (orderBy == null || orderBy.isEmpty()) {
        SqlNodeList order = new SqlNodeList(on, SqlParserPos.ZERO);
        if (top instanceof SqlOrderBy o) {
          throw unsupported(o.getParserPosition()); // LIMIT without ORDER BY: not reached by our grammar
        }
        select.setOrderBy(order);
      } else {
        check(on, orderBy, items);
      }
    }
    // Anywhere else: PostgreSQL allows it, we do not yet.
    top.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect s && marker(s) != null) throw unsupported(s.getParserPosition());
        return super.visit(call);
      }
    });
    return keys;
  }

  private static SqlBasicCall marker(SqlSelect select) {
    if (select.getSelectList() == null || select.getSelectList().isEmpty()) return null;
    SqlNode first = select.getSelectList().get(0);
    return first instanceof SqlBasicCall c && c.getOperator().getName().toLowerCase(Locale.ROOT)
        .equals(PgLexicalFront.DISTINCT_ON_MARKER) ? c : null;
  }

  /** PostgreSQL's 42P10 unless each DISTINCT ON expression is the ORDER BY item at its place. */
  private static void check(List<SqlNode> on, SqlNodeList orderBy, SqlNodeList items) {
    for (int i = 0; i < on.size(); i++) {
      SqlNode order = i < orderBy.size() ? stripDirection(orderBy.get(i)) : null;
      if (order == null || !same(on.get(i), order, items)) {
        throw new PositionedError(SqlState.INVALID_COLUMN_REFERENCE,
            "SELECT DISTINCT ON expressions must match initial ORDER BY expressions", on.get(i).getParserPosition(),
            null);
      }
    }
  }

  private static SqlNode stripDirection(SqlNode n) {
    while (n.getKind() == SqlKind.DESCENDING || n.getKind() == SqlKind.NULLS_FIRST
        || n.getKind() == SqlKind.NULLS_LAST) {
      n = ((SqlCall) n).operand(0);
    }
    return n;
  }

  /** The same expression, or an ORDER BY position or alias that names it. */
  private static boolean same(SqlNode on, SqlNode order, SqlNodeList items) {
    if (on.equalsDeep(order, org.apache.calcite.util.Litmus.IGNORE)) return true;
    SqlNode item = null;
    if (order instanceof SqlNumericLiteral lit && lit.isInteger()) {
      int k = lit.intValue(true);
      if (k >= 1 && k <= items.size()) item = items.get(k - 1);
    } else if (order instanceof org.apache.calcite.sql.SqlIdentifier id && id.isSimple()) {
      for (SqlNode it : items) {
        if (it.getKind() == SqlKind.AS && ((SqlCall) it).operand(1).toString().equals(id.toString())) item = it;
      }
    }
    if (item == null) return false;
    if (item.getKind() == SqlKind.AS) item = ((SqlCall) item).operand(0);
    return on.equalsDeep(item, org.apache.calcite.util.Litmus.IGNORE)
        || on instanceof org.apache.calcite.sql.SqlIdentifier && item.equalsDeep(on, org.apache.calcite.util.Litmus.IGNORE);
  }

  private static DbException unsupported(SqlParserPos pos) {
    return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT ON is supported in the outer SELECT only");
  }
}
