package org.minidb.planner.validate;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.minidb.common.error.SqlState;
import org.minidb.planner.catalog.TypeMapping;

/**
 * PostgreSQL's coercion of one value to a known type outside an explicit CAST: the value of a target column
 * of INSERT or UPDATE (an assignment: varchar(n) and char(n) raise 22001 instead of truncating, numeric(p,s)
 * raises 22003), or a VALUES column brought to its common type. The planner wraps each such expression
 * before validation, so that every row of a multi-row VALUES already has its column's type (PostgreSQL
 * resolves an INSERT's VALUES column by column against the target, not row against row), an unknown literal
 * or a parameter takes the target type, and the compiled plan converts with {@code Exprs.cast(..., false)}.
 *
 * <p>One instance per target type; it is transparent when unparsed (messages show the expression as written).
 */
public final class AssignmentCast extends SqlSpecialOperator {
  private final RelDataType target;
  /** The target column (INSERT/UPDATE), for PostgreSQL's 42804 message; null for a VALUES column. */
  private final String column;

  public AssignmentCast(RelDataType target, String column) {
    super("PG_ASSIGN", SqlKind.OTHER_FUNCTION, 0, false, null,
        (binding, returnType, operandTypes) -> operandTypes[0] = target, null);
    this.target = target;
    this.column = column;
  }

  public static SqlCall wrap(SqlNode expr, RelDataType target, String column) {
    return new AssignmentCast(target, column).createCall(expr.getParserPosition(), expr);
  }

  public static boolean isWrapped(SqlNode node) {
    return node instanceof SqlCall c && c.getOperator() instanceof AssignmentCast;
  }

  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    SqlNode operand = call.operand(0);
    RelDataType from = validator.deriveType(scope, operand);
    if (column != null && !isUntyped(operand) && from.getSqlTypeName() != SqlTypeName.NULL
        && !Assignments.allowed(TypeMapping.resultType(from), TypeMapping.fromRel(target))) {
      throw new PositionedError(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" is of type "
          + PgTypeNames.of(target) + " but expression is of type " + PgTypeNames.of(from),
          call.getParserPosition(), "You will need to rewrite or cast the expression.");
    }
    return validator.getTypeFactory().createTypeWithNullability(target, true);
  }

  /**
   * PostgreSQL's unknown-typed values, which take the column's type: string literals, NULL, parameters
   * without a declared type and DEFAULT. A number or boolean literal is typed ({@code true} into an integer
   * column is 42804, as in PostgreSQL).
   */
  private static boolean isUntyped(SqlNode operand) {
    if (operand instanceof org.apache.calcite.sql.SqlLiteral literal) {
      return literal instanceof org.apache.calcite.sql.SqlCharStringLiteral
          || literal.getTypeName() == SqlTypeName.NULL || literal.getTypeName() == SqlTypeName.UNKNOWN;
    }
    return PgTypeCoercion.isUnknown(operand);
  }

  @Override
  public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    call.operand(0).unparse(writer, leftPrec, rightPrec);
  }
}
