package org.minidb.planner.validate;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * PostgreSQL names the one column of a scalar function in FROM after the table alias: in
 * {@code FROM generate_series(1, 3) g} the column is {@code g}. Calcite would keep the function's column name,
 * so before validation {@code AS g} becomes {@code AS g(g)}.
 */
final class FunctionColumnAliases {
  private FunctionColumnAliases() {}

  static void apply(SqlNode top) {
    top.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) select.setFrom(fix(select.getFrom()));
        return super.visit(call);
      }
    });
  }

  private static SqlNode fix(SqlNode from) {
    if (from instanceof SqlJoin join) {
      join.setLeft(fix(join.getLeft()));
      join.setRight(fix(join.getRight()));
      return join;
    }
    if (from.getKind() == SqlKind.AS && from instanceof SqlBasicCall as && as.operandCount() == 2
        && as.operand(0).getKind() == SqlKind.COLLECTION_TABLE && as.operand(1) instanceof SqlIdentifier alias) {
      return SqlStdOperatorTable.AS.createCall(as.getParserPosition(), as.operand(0), alias,
          new SqlIdentifier(alias.getSimple(), alias.getParserPosition()));
    }
    return from;
  }
}
