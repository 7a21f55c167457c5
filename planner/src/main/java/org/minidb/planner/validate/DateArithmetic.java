package org.minidb.planner.validate;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.ArithmeticOp;
import org.minidb.executor.expr.Exprs;
import org.minidb.planner.catalog.TypeMapping;

/**
 * PostgreSQL's arithmetic on date, timestamp, timestamptz and interval, which Calcite either lacks
 * ({@code date + integer}, {@code timestamp - timestamp}) or types differently ({@code date + interval} is a
 * timestamp in PostgreSQL). The validator swaps Calcite's {@code + - * /} for these operators before typing
 * a call with such an operand; they keep the kinds PLUS, MINUS, TIMES and DIVIDE, so the expression compiler
 * maps them onto the executor's implementation, which also decides the result type
 * ({@code Exprs.arithmeticResultType}). An untyped literal beside a temporal operand takes PostgreSQL's
 * reading ({@link #unknownOperandType}).
 */
public final class DateArithmetic {
  private DateArithmetic() {}

  private static final SqlBinaryOperator PLUS = operator("+", SqlKind.PLUS, ArithmeticOp.ADD, 40);
  private static final SqlBinaryOperator MINUS = operator("-", SqlKind.MINUS, ArithmeticOp.SUBTRACT, 40);
  private static final SqlBinaryOperator TIMES = operator("*", SqlKind.TIMES, ArithmeticOp.MULTIPLY, 60);
  private static final SqlBinaryOperator DIVIDE = operator("/", SqlKind.DIVIDE, ArithmeticOp.DIVIDE, 60);

  /** {@code anynonarray || text} and {@code text || anynonarray}: PostgreSQL prints the other operand. */
  static final SqlBinaryOperator CONCAT_ANY = new SqlBinaryOperator("||", SqlKind.OTHER, 60, true,
      ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE), InferTypes.FIRST_KNOWN,
      OperandTypes.ANY_ANY) {
    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
      for (org.apache.calcite.sql.SqlNode operand : call.getOperandList()) validator.deriveType(scope, operand);
      return validateOperands(validator, scope, call);
    }
  };

  /** Puts {@link #CONCAT_ANY} in place of Calcite's string-only {@code ||} when one side is not a string. */
  static void rewriteConcat(SqlBasicCall call, List<RelDataType> operandTypes) {
    if (call.getOperator() != org.apache.calcite.sql.fun.SqlStdOperatorTable.CONCAT || operandTypes.size() != 2
        || operandTypes.get(0) == null || operandTypes.get(1) == null) {
      return;
    }
    boolean leftString = SqlTypeUtil.isCharacter(operandTypes.get(0));
    boolean rightString = SqlTypeUtil.isCharacter(operandTypes.get(1));
    if (leftString != rightString) call.setOperator(CONCAT_ANY);
    boolean bothBinary = SqlTypeUtil.isBinary(operandTypes.get(0)) && SqlTypeUtil.isBinary(operandTypes.get(1));
    boolean anyNull = operandTypes.get(0).getSqlTypeName() == SqlTypeName.NULL
        || operandTypes.get(1).getSqlTypeName() == SqlTypeName.NULL;
    if (!leftString && !rightString && !bothBinary && !anyNull) {
      // PostgreSQL's || takes text on one side (or is bytea || bytea): integer || integer does not exist.
      throw PositionedError.atOperatorAfter(org.minidb.common.error.SqlState.UNDEFINED_FUNCTION,
          "operator does not exist: " + PgTypeNames.of(operandTypes.get(0)) + " || " + PgTypeNames.of(operandTypes.get(1)),
          call.operand(0).getParserPosition(), PgTypeCoercion.OPERATOR_HINT);
    }
  }

  /** Whether the call is Calcite's binary + - * / (plain or overflow-checked), not one of ours. */
  static boolean applies(SqlBasicCall call) {
    return ours(call.getKind()) != null && !(call.getOperator() instanceof Temporal);
  }

  private static SqlBinaryOperator ours(SqlKind k) {
    return switch (k) {
      case PLUS, CHECKED_PLUS -> PLUS;
      case MINUS, CHECKED_MINUS -> MINUS;
      case TIMES, CHECKED_TIMES -> TIMES;
      case DIVIDE, CHECKED_DIVIDE -> DIVIDE;
      default -> null;
    };
  }

  /** Puts the temporal operator in place of Calcite's when an operand is a date, timestamp or interval. */
  static void rewrite(SqlBasicCall call, List<RelDataType> operandTypes) {
    if (operandTypes.size() != 2 || ours(call.getKind()) == null) return; // e.g. || beside a date: rewriteConcat's
    if (isTemporal(operandTypes.get(0)) || isTemporal(operandTypes.get(1))) call.setOperator(ours(call.getKind()));
  }

  private static boolean isTemporal(RelDataType t) {
    if (t == null) return false;
    SqlTypeName n = t.getSqlTypeName();
    return n == SqlTypeName.DATE || n == SqlTypeName.TIMESTAMP || n == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
        || SqlTypeName.INTERVAL_TYPES.contains(n);
  }

  /**
   * The type PostgreSQL gives an untyped literal (or NULL) beside a {@code known} temporal operand:
   * {@code ts + '1 day'} reads an interval, {@code x - '...'} reads the other side's type, {@code interval ±
   * '...'} an interval; null where PostgreSQL finds the operator ambiguous ({@code date + '...'}).
   */
  public static DataType unknownOperandType(ArithmeticOp op, DataType known) {
    PgType k = known.type();
    if (k == PgType.INTERVAL) return op == ArithmeticOp.ADD || op == ArithmeticOp.SUBTRACT ? known : DataType.FLOAT8;
    if (op == ArithmeticOp.SUBTRACT) return known;
    if (op == ArithmeticOp.ADD && (k == PgType.TIMESTAMP || k == PgType.TIMESTAMPTZ)) return DataType.INTERVAL;
    return null;
  }

  /** The PostgreSQL operand types of a binding; an untyped literal is resolved against the other side. */
  private static DataType[] operandTypes(SqlOperatorBinding b, ArithmeticOp op) {
    DataType[] t = new DataType[2];
    boolean[] unknown = new boolean[2];
    for (int i = 0; i < 2; i++) {
      RelDataType rt = b.getOperandType(i);
      // A literal in the SQL (SqlCallBinding) or in the relational expression (RexCallBinding).
      unknown[i] = rt.getSqlTypeName() == SqlTypeName.NULL || SqlTypeUtil.isCharacter(rt)
          && (b instanceof SqlCallBinding cb ? PgTypeCoercion.isUnknown(cb.operand(i)) : b.isOperandLiteral(i, false));
      t[i] = unknown[i] ? null : TypeMapping.resultType(rt);
    }
    for (int i = 0; i < 2; i++) {
      if (unknown[i] && t[1 - i] != null) t[i] = unknownOperandType(op, t[1 - i]);
    }
    return t;
  }

  private static DataType resultOf(SqlOperatorBinding b, ArithmeticOp op) {
    DataType[] t = operandTypes(b, op);
    if (t[0] == null || t[1] == null) return null;
    return Exprs.arithmeticResultType(op, t[0], t[1]);
  }

  /** Marks our operators, so that a rewritten call is not rewritten again. */
  private interface Temporal {}

  private static final class TemporalOperator extends SqlBinaryOperator implements Temporal {
    TemporalOperator(String name, SqlKind sqlKind, int precedence, ArithmeticOp op, SqlOperandTypeChecker checker) {
      super(name, sqlKind, precedence, true, binding -> {
        DataType result = resultOf(binding, op);
        return TypeMapping.toRel(binding.getTypeFactory(), result, true);
      }, InferTypes.FIRST_KNOWN, checker);
    }

    /** Typed by its own checker: Calcite's deriveType would look the operator up again by name. */
    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
      for (org.apache.calcite.sql.SqlNode operand : call.getOperandList()) validator.deriveType(scope, operand);
      return validateOperands(validator, scope, call);
    }
  }

  private static SqlBinaryOperator operator(String name, SqlKind kind, ArithmeticOp op, int precedence) {
    SqlOperandTypeChecker checker = new SqlOperandTypeChecker() {
      @Override
      public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
        if (resultOf(binding, op) != null) return true;
        if (!throwOnFailure) return false;
        DataType[] t = operandTypes(binding, op);
        String l = t[0] != null ? t[0].type().sqlName() : "unknown";
        String r = t[1] != null ? t[1].type().sqlName() : "unknown";
        boolean ambiguous = t[0] == null || t[1] == null;
        throw PositionedError.atOperatorAfter(ambiguous ? SqlState.AMBIGUOUS_FUNCTION : SqlState.UNDEFINED_FUNCTION,
            "operator " + (ambiguous ? "is not unique: " : "does not exist: ") + l + " " + name + " " + r,
            binding.operand(0).getParserPosition(), ambiguous
                ? "Could not choose a best candidate operator. You might need to add explicit type casts."
                : PgTypeCoercion.OPERATOR_HINT);
      }

      @Override
      public SqlOperandCountRange getOperandCountRange() { return SqlOperandCountRanges.of(2); }

      @Override
      public String getAllowedSignatures(SqlOperator o, String opName) { return opName; }
    };
    return new TemporalOperator(name, kind, precedence, op, checker);
  }
}
