package org.minidb.planner.parse;

import java.util.List;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil.ToTreeListItem;

/**
 * PostgreSQL's {@code expr::type}, applied inside the generated parser's flat operator/operand list.
 *
 * <p>In PostgreSQL {@code ::} binds tighter than every operator except {@code .} and {@code []}, so it casts
 * only the operand just parsed: {@code a = 1::int} is {@code a = (1::int)}, {@code -1::int} is
 * {@code -(1::int)}, {@code (a+b)::bigint} casts the parenthesised sum and {@code a::int::text} nests.
 * The operand is the last element of the list, extended to the left over any {@code .field} or
 * {@code [index]} suffixes, which bind tighter still.
 */
public final class PgInfixCast {
  private PgInfixCast() {}

  /**
   * Replaces the trailing operand of {@code list} by {@code CAST(operand AS type)}.
   *
   * <p>Invariant of the list (from Calcite's Expression2): operands and {@link ToTreeListItem} operators
   * alternate, prefix operators stand before their operand, and the list ends with an operand whenever a
   * binary operator may follow.
   */
  public static void applyToLastOperand(List<Object> list, SqlDataTypeSpec type) {
    SqlNode operand = (SqlNode) list.remove(list.size() - 1);
    // Fold "x . f" and "x [ i ]" chains ending at the operand: they bind tighter than '::'.
    while (list.size() >= 2 && list.get(list.size() - 1) instanceof ToTreeListItem item
        && isPostfixAccess(item) && list.get(list.size() - 2) instanceof SqlNode base) {
      list.remove(list.size() - 1);
      list.remove(list.size() - 1);
      SqlParserPos pos = base.getParserPosition().plus(operand.getParserPosition());
      operand = item.getOperator().createCall(pos, base, operand);
    }
    SqlParserPos pos = operand.getParserPosition().plus(type.getParserPosition());
    list.add(SqlStdOperatorTable.CAST.createCall(pos, operand, type));
  }

  private static boolean isPostfixAccess(ToTreeListItem item) {
    SqlKind kind = item.getOperator().getKind();
    return kind == SqlKind.DOT || kind == SqlKind.ITEM;
  }
}
