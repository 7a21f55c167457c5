package org.minidb.planner.validate;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's integer arithmetic on dates, which Calcite lacks: {@code date + integer}, {@code integer +
 * date}, {@code date - integer} (all date) and {@code date - date} (integer, the days between). The
 * validator swaps Calcite's {@code +}/{@code -} for these before typing such a call; they keep the kinds
 * PLUS and MINUS, so the expression compiler maps them onto the executor's date arithmetic.
 */
final class DateArithmetic {
  private DateArithmetic() {}

  static final SqlBinaryOperator DATE_PLUS = operator("+", SqlKind.PLUS, SqlTypeName.DATE,
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER),
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.DATE)));

  static final SqlBinaryOperator DATE_MINUS_INTEGER = operator("-", SqlKind.MINUS, SqlTypeName.DATE,
      OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER));

  static final SqlBinaryOperator DATE_MINUS_DATE = operator("-", SqlKind.MINUS, SqlTypeName.INTEGER,
      OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.DATE));

  /** {@code anynonarray || text} and {@code text || anynonarray}: PostgreSQL prints the other operand. */
  static final SqlBinaryOperator CONCAT_ANY = operator("||", SqlKind.OTHER, SqlTypeName.VARCHAR,
      OperandTypes.ANY_ANY);

  /** Puts {@link #CONCAT_ANY} in place of Calcite's string-only {@code ||} when one side is not a string. */
  static void rewriteConcat(SqlBasicCall call, List<RelDataType> operandTypes) {
    if (call.getOperator() != org.apache.calcite.sql.fun.SqlStdOperatorTable.CONCAT || operandTypes.size() != 2
        || operandTypes.get(0) == null || operandTypes.get(1) == null) {
      return;
    }
    boolean leftString = SqlTypeUtil.isCharacter(operandTypes.get(0));
    boolean rightString = SqlTypeUtil.isCharacter(operandTypes.get(1));
    if (leftString != rightString) call.setOperator(CONCAT_ANY);
  }

  /**
   * A binary operator typed by its own checker. Calcite's {@code SqlOperator.deriveType} looks the
   * operator up again by name (and would find its own {@code +}); this one validates its operands directly.
   */
  private static SqlBinaryOperator operator(String name, SqlKind kind, SqlTypeName result,
      org.apache.calcite.sql.type.SqlOperandTypeChecker checker) {
    return new SqlBinaryOperator(name, kind, 40, true,
        ReturnTypes.explicit(result).andThen(SqlTypeTransforms.TO_NULLABLE), InferTypes.FIRST_KNOWN, checker) {
      @Override
      public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
        for (org.apache.calcite.sql.SqlNode operand : call.getOperandList()) validator.deriveType(scope, operand);
        return validateOperands(validator, scope, call);
      }
    };
  }

  /** Whether the call is Calcite's binary + or - (plain or overflow-checked), not one of ours. */
  static boolean applies(SqlBasicCall call) {
    SqlKind k = call.getKind();
    boolean arithmetic = k == SqlKind.PLUS || k == SqlKind.MINUS || k == SqlKind.CHECKED_PLUS
        || k == SqlKind.CHECKED_MINUS;
    return arithmetic && call.getOperator() != DATE_PLUS && call.getOperator() != DATE_MINUS_INTEGER
        && call.getOperator() != DATE_MINUS_DATE;
  }

  /** Puts the date operator in place of Calcite's when the operand types call for it. */
  static void rewrite(SqlBasicCall call, List<RelDataType> operandTypes) {
    if (operandTypes.size() != 2 || operandTypes.get(0) == null || operandTypes.get(1) == null) return;
    boolean leftDate = operandTypes.get(0).getSqlTypeName() == SqlTypeName.DATE;
    boolean rightDate = operandTypes.get(1).getSqlTypeName() == SqlTypeName.DATE;
    boolean leftInt = SqlTypeUtil.isIntType(operandTypes.get(0));
    boolean rightInt = SqlTypeUtil.isIntType(operandTypes.get(1));
    SqlKind kind = call.getKind() == SqlKind.CHECKED_PLUS ? SqlKind.PLUS
        : call.getKind() == SqlKind.CHECKED_MINUS ? SqlKind.MINUS : call.getKind();
    if (kind == SqlKind.PLUS && (leftDate && rightInt || leftInt && rightDate)) {
      call.setOperator(DATE_PLUS);
    } else if (kind == SqlKind.MINUS && leftDate && rightInt) {
      call.setOperator(DATE_MINUS_INTEGER);
    } else if (kind == SqlKind.MINUS && leftDate && rightDate) {
      call.setOperator(DATE_MINUS_DATE);
    }
  }
}
