package org.minidb.planner.validate;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;
import org.minidb.common.error.SqlState;

/**
 * Calcite's implicit coercion, restricted to what PostgreSQL does: a string literal (PostgreSQL's
 * "unknown") or a parameter adapts to the other operand ({@code a = '5'}), but a typed string expression
 * does not ({@code int_col = text_col} is "operator does not exist: integer = text").
 */
final class PgTypeCoercion extends TypeCoercionImpl {
  static final String OPERATOR_HINT =
      "No operator matches the given name and argument types. You might need to add explicit type casts.";

  PgTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) { super(typeFactory, validator); }

  @Override
  public boolean binaryComparisonCoercion(SqlCallBinding binding) {
    rejectTypedStrings(binding);
    return super.binaryComparisonCoercion(binding);
  }

  @Override
  public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
    rejectTypedStrings(binding);
    return super.binaryArithmeticCoercion(binding);
  }

  private static void rejectTypedStrings(SqlCallBinding binding) {
    if (binding.getOperandCount() != 2) return;
    RelDataType left = binding.getOperandType(0);
    RelDataType right = binding.getOperandType(1);
    if (isNull(left) || isNull(right)) return;
    boolean leftChar = SqlTypeUtil.isCharacter(left);
    boolean rightChar = SqlTypeUtil.isCharacter(right);
    if (leftChar == rightChar) return;
    SqlNode stringSide = leftChar ? binding.operand(0) : binding.operand(1);
    if (isUnknown(stringSide)) return;
    throw PositionedError.atOperatorAfter(SqlState.UNDEFINED_FUNCTION,
        "operator does not exist: " + PgTypeNames.of(left) + " " + binding.getOperator().getName() + " "
            + PgTypeNames.of(right), binding.operand(0).getParserPosition(), OPERATOR_HINT);
  }

  private static boolean isNull(RelDataType t) { return t.getSqlTypeName() == SqlTypeName.NULL; }

  /** A literal or parameter whose type PostgreSQL would still resolve from context. */
  static boolean isUnknown(SqlNode node) {
    return node instanceof SqlLiteral || node instanceof SqlDynamicParam
        || node.getKind() == SqlKind.MINUS_PREFIX && node instanceof org.apache.calcite.sql.SqlCall c
            && c.operand(0) instanceof SqlLiteral;
  }
}
