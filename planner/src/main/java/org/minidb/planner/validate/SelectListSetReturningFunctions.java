package org.minidb.planner.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.minidb.common.error.SqlState;

/**
 * {@code generate_series(...)} in a select list ({@code SELECT generate_series(1, 3)},
 * {@code INSERT INTO t SELECT generate_series(1, 1000), 'x'}): PostgreSQL evaluates the function once per input
 * row and emits a row per element (ProjectSet). When its arguments do not depend on the row, that is a cross join
 * with the function in FROM, which is what this rewrite makes of it before validation: the call becomes a
 * reference to the column of {@code TABLE(generate_series(...)) AS "?generate_series?"(generate_series)} joined
 * to the FROM clause (or standing as the FROM clause). WHERE, DISTINCT, ORDER BY and LIMIT then apply as they do
 * to PostgreSQL's ProjectSet output. Refused with 0A000: arguments that read columns (that is a LATERAL call,
 * which MiniDB cannot plan yet), two set-returning calls in one select list (PostgreSQL runs them in lockstep),
 * and a select list with GROUP BY or HAVING (PostgreSQL runs the function after grouping). With aggregates and no
 * GROUP BY the rewritten query fails validation, as the new column is not grouped.
 */
final class SelectListSetReturningFunctions {
  private SelectListSetReturningFunctions() {}

  static final String ALIAS = "?generate_series?";
  private static final String NAME = "generate_series";

  /** Rewrites every SELECT of the statement (sub-queries, INSERT sources) in place. */
  static void rewrite(SqlNode statement) {
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        Void v = super.visit(call);
        if (call instanceof SqlSelect select) rewrite(select);
        return v;
      }
    });
  }

  private static void rewrite(SqlSelect select) {
    List<SqlCall> calls = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) collect(item, calls);
    if (calls.isEmpty()) return;
    SqlCall call = calls.getFirst();
    if (calls.size() > 1) {
      throw unsupported(calls.get(1), "more than one set-returning function in a select list is not supported");
    }
    if (select.getGroup() != null || select.getHaving() != null) {
      throw unsupported(call, "set-returning functions in the select list of a grouped query are not supported");
    }
    if (readsColumns(call)) {
      throw unsupported(call, "set-returning function arguments that read columns are not supported; "
          + "call it in FROM instead");
    }
    SqlParserPos pos = call.getParserPosition();
    SqlIdentifier column = new SqlIdentifier(List.of(ALIAS, NAME), pos);
    SqlNodeList items = new SqlNodeList(pos);
    for (SqlNode item : select.getSelectList()) {
      // The bare call keeps PostgreSQL's column name, generate_series, through the reference's last part.
      items.add(item == call ? column : item.accept(new SqlShuttle() {
        @Override
        public SqlNode visit(SqlCall c) { return c == call ? column : super.visit(c); }
      }));
    }
    select.setSelectList(items);
    SqlNode function = SqlStdOperatorTable.AS.createCall(pos,
        SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, call), new SqlIdentifier(ALIAS, pos),
        new SqlIdentifier(NAME, pos));
    select.setFrom(select.getFrom() == null ? function : new SqlJoin(pos, select.getFrom(),
        SqlLiteral.createBoolean(false, pos), JoinType.COMMA.symbol(pos), function,
        JoinConditionType.NONE.symbol(pos), null));
  }

  /** The generate_series calls of one select item, not looking into sub-queries (they are rewritten on their own). */
  private static void collect(SqlNode item, List<SqlCall> calls) {
    if (!(item instanceof SqlCall c) || c instanceof SqlSelect) return;
    if (isGenerateSeries(c)) {
      calls.add(c);
      return;
    }
    for (SqlNode operand : c.getOperandList()) collect(operand, calls);
  }

  private static boolean isGenerateSeries(SqlCall c) {
    return c.getOperator().getName().toLowerCase(Locale.ROOT).equals(NAME) && c.getFunctionQuantifier() == null;
  }

  private static boolean readsColumns(SqlCall call) {
    boolean[] found = {false};
    call.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        found[0] = true;
        return null;
      }
    });
    return found[0];
  }

  private static PositionedError unsupported(SqlCall call, String message) {
    return new PositionedError(SqlState.FEATURE_NOT_SUPPORTED, message, call.getParserPosition(), null);
  }
}
