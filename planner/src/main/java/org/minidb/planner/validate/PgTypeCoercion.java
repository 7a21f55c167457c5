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

  /**
   * Functions and operators with fixed argument families: PostgreSQL does not turn a typed string into a
   * number or a number into a string to find a match ({@code sum(text)}, {@code upper(integer)},
   * {@code integer LIKE ...}, {@code -text} do not exist); only untyped literals adapt.
   */
  @Override
  public boolean builtinFunctionCoercion(SqlCallBinding binding, java.util.List<RelDataType> operandTypes,
      java.util.List<org.apache.calcite.sql.type.SqlTypeFamily> expectedFamilies) {
    for (int i = 0; i < operandTypes.size() && i < expectedFamilies.size(); i++) {
      RelDataType type = operandTypes.get(i);
      org.apache.calcite.sql.type.SqlTypeFamily family = expectedFamilies.get(i);
      if (type == null || family == null || family == org.apache.calcite.sql.type.SqlTypeFamily.ANY
          || isNull(type) || isUnknown(binding.operand(i))) {
        continue;
      }
      boolean expectsString = family == org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER
          || family == org.apache.calcite.sql.type.SqlTypeFamily.STRING;
      if (SqlTypeUtil.isCharacter(type) != expectsString) throw noMatch(binding, operandTypes);
    }
    return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
  }

  private static PositionedError noMatch(SqlCallBinding binding, java.util.List<RelDataType> types) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      names.add(isUnknown(binding.operand(i)) && SqlTypeUtil.isCharacter(types.get(i)) ? "unknown"
          : PgTypeNames.of(types.get(i)));
    }
    SqlKind kind = binding.getOperator().getKind();
    if (kind == SqlKind.LIKE && names.size() >= 2) {
      String op = binding.getOperator().getName().toUpperCase(java.util.Locale.ROOT).contains("ILIKE") ? "~~*" : "~~";
      return PositionedError.atOperatorAfter(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
          + names.get(0) + " " + op + " " + names.get(1), binding.operand(0).getParserPosition(), OPERATOR_HINT);
    }
    if (kind == SqlKind.MINUS_PREFIX || kind == SqlKind.PLUS_PREFIX || kind == SqlKind.CHECKED_MINUS_PREFIX) {
      return new PositionedError(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
          + (kind == SqlKind.PLUS_PREFIX ? "+ " : "- ") + names.get(0), binding.getCall().getParserPosition(),
          OPERATOR_HINT);
    }
    return new PositionedError(SqlState.UNDEFINED_FUNCTION, "function "
        + binding.getOperator().getName().toLowerCase(java.util.Locale.ROOT) + "(" + String.join(", ", names)
        + ") does not exist", binding.getCall().getParserPosition(), PgValidator.FUNCTION_HINT);
  }

  /**
   * INSERT and UPDATE: PostgreSQL converts a value to its column's type only where an assignment cast
   * exists; otherwise "column "a" is of type integer but expression is of type text" (42804).
   */
  @Override
  public boolean querySourceCoercion(org.apache.calcite.sql.validate.SqlValidatorScope scope,
      RelDataType sourceRowType, RelDataType targetRowType, SqlNode query) {
    int n = Math.min(sourceRowType.getFieldCount(), targetRowType.getFieldCount());
    for (int i = 0; i < n; i++) {
      RelDataType from = sourceRowType.getFieldList().get(i).getType();
      RelDataType to = targetRowType.getFieldList().get(i).getType();
      SqlNode item = sourceItem(query, i, sourceRowType.getFieldCount());
      if (item != null && isUnknown(item) || from.getSqlTypeName() == SqlTypeName.NULL) continue;
      if (!Assignments.allowed(org.minidb.planner.catalog.TypeMapping.resultType(from),
          org.minidb.planner.catalog.TypeMapping.fromRel(to))) {
        throw new PositionedError(SqlState.DATATYPE_MISMATCH, "column \"" + targetRowType.getFieldList().get(i).getName()
            + "\" is of type " + PgTypeNames.of(to) + " but expression is of type " + PgTypeNames.of(from),
            item == null ? query.getParserPosition() : item.getParserPosition(),
            "You will need to rewrite or cast the expression.");
      }
    }
    return super.querySourceCoercion(scope, sourceRowType, targetRowType, query);
  }

  /** The expression that gives field {@code i} of an INSERT or UPDATE source, or null. */
  private static SqlNode sourceItem(SqlNode query, int i, int fields) {
    if (query instanceof org.apache.calcite.sql.SqlInsert insert) return sourceItem(insert.getSource(), i, fields);
    if (query instanceof org.apache.calcite.sql.SqlUpdate update) {
      // The source row is the table's columns followed by the SET expressions.
      int k = i - (fields - update.getSourceExpressionList().size());
      return k >= 0 ? update.getSourceExpressionList().get(k) : null;
    }
    if (query instanceof org.apache.calcite.sql.SqlSelect select) {
      SqlNode item = i < select.getSelectList().size() ? select.getSelectList().get(i) : null;
      return item != null && item.getKind() == SqlKind.AS ? ((org.apache.calcite.sql.SqlCall) item).operand(0) : item;
    }
    if (query.getKind() == SqlKind.VALUES && query instanceof org.apache.calcite.sql.SqlCall values
        && values.operandCount() > 0 && values.operand(0) instanceof org.apache.calcite.sql.SqlCall row
        && i < row.operandCount()) {
      return row.operand(i);
    }
    return null;
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
    // Calcite coerces some two-argument functions (log(a, b)) as arithmetic: PostgreSQL names the function.
    if (binding.getOperator().getSyntax() == org.apache.calcite.sql.SqlSyntax.FUNCTION) {
      throw noMatch(binding, java.util.List.of(left, right));
    }
    throw PositionedError.atOperatorAfter(SqlState.UNDEFINED_FUNCTION,
        "operator does not exist: " + PgTypeNames.of(left) + " " + binding.getOperator().getName() + " "
            + PgTypeNames.of(right), binding.operand(0).getParserPosition(), OPERATOR_HINT);
  }

  private static boolean isNull(RelDataType t) { return t.getSqlTypeName() == SqlTypeName.NULL; }

  /** A literal or parameter whose type PostgreSQL would still resolve from context. */
  static boolean isUnknown(SqlNode node) {
    return node instanceof SqlLiteral || node instanceof SqlDynamicParam || node.getKind() == SqlKind.DEFAULT
        || node.getKind() == SqlKind.MINUS_PREFIX && node instanceof org.apache.calcite.sql.SqlCall c
            && c.operand(0) instanceof SqlLiteral;
  }
}
