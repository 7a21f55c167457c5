package org.minidb.planner.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.planner.catalog.TypeMapping;

/**
 * {@code generate_series(start, stop [, step])} as a table function in FROM, with PostgreSQL's overloads:
 * int4, int8 and numeric (step of the same type, default 1), and timestamp / timestamptz with an interval
 * step (a date reads as timestamptz, as PostgreSQL's preferred date/time type). Its one column is named
 * {@code generate_series}; the plan builder turns the call into a streaming {@code GenerateSeriesNode}.
 */
public final class GenerateSeries extends SqlFunction implements SqlTableFunction {
  private GenerateSeries() {
    // A table function is typed CURSOR; its row type comes from getRowTypeInference.
    super("generate_series", SqlKind.OTHER_FUNCTION, org.apache.calcite.sql.type.ReturnTypes.CURSOR, null, CHECKER,
        SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
  }

  /** The element type of a series over arguments of these types, or null if there is no such overload. */
  public static DataType elementType(List<DataType> args) {
    if (args.size() < 2 || args.size() > 3) return null;
    DataType first = known(args.get(0), args.get(1));
    if (first == null) return null;
    PgType t = first.type();
    boolean temporal = t.isDateTime();
    PgType result = null;
    for (int i = 0; i < 2; i++) {
      PgType a = args.get(i) == null ? t : args.get(i).type();
      if (temporal != a.isDateTime()) return null;
      result = result == null ? a : wider(result, a);
      if (result == null) return null;
    }
    if (temporal) {
      if (result == PgType.DATE) result = PgType.TIMESTAMPTZ;
      if (args.size() != 3 || args.get(2) != null && args.get(2).type() != PgType.INTERVAL) return null;
      return DataType.of(result);
    }
    if (args.size() == 3 && args.get(2) != null) {
      result = wider(result, args.get(2).type());
      if (result == null) return null;
    }
    return DataType.of(result);
  }

  private static DataType known(DataType a, DataType b) { return a != null ? a : b; }

  /** The common type of two series arguments (int4 < int8 < numeric; date < timestamp < timestamptz). */
  private static PgType wider(PgType a, PgType b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra < 0 || rb < 0 || (ra >= 10) != (rb >= 10)) return null;
    return ra >= rb ? normalize(a) : normalize(b);
  }

  private static int rank(PgType t) {
    return switch (t) {
      case INT2, INT4 -> 1;
      case INT8 -> 2;
      case NUMERIC -> 3;
      case DATE -> 10;
      case TIMESTAMP -> 11;
      case TIMESTAMPTZ -> 12;
      default -> -1;
    };
  }

  private static PgType normalize(PgType t) { return t == PgType.INT2 ? PgType.INT4 : t; }

  /** The arguments' PostgreSQL types; null for an untyped literal or NULL (it takes the others' type). */
  static List<DataType> argumentTypes(SqlOperatorBinding b) {
    List<DataType> types = new ArrayList<>();
    for (int i = 0; i < b.getOperandCount(); i++) {
      RelDataType t = b.getOperandType(i);
      boolean unknown = t.getSqlTypeName() == SqlTypeName.NULL || SqlTypeUtil.isCharacter(t)
          && (b instanceof SqlCallBinding cb ? PgTypeCoercion.isUnknown(cb.operand(i)) : b.isOperandLiteral(i, false));
      types.add(unknown ? null : TypeMapping.resultType(t));
    }
    return types;
  }

  private static final SqlReturnTypeInference ROW_TYPE = b -> {
    DataType element = elementType(argumentTypes(b));
    if (element == null) element = DataType.INT4;
    return b.getTypeFactory().builder()
        .add("generate_series", TypeMapping.toRel(b.getTypeFactory(), element, true)).build();
  };

  private static final SqlOperandTypeChecker CHECKER = new SqlOperandTypeChecker() {
    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      List<DataType> types = argumentTypes(binding);
      if (elementType(types) != null) return true;
      if (!throwOnFailure) return false;
      List<String> names = new ArrayList<>();
      for (DataType t : types) names.add(t == null ? "unknown" : t.type().sqlName());
      throw new PositionedError(SqlState.UNDEFINED_FUNCTION, "function generate_series("
          + String.join(", ", names) + ") does not exist", binding.getCall().getParserPosition(),
          PgValidator.FUNCTION_HINT);
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() { return SqlOperandCountRanges.between(2, 3); }

    @Override
    public String getAllowedSignatures(SqlOperator op, String opName) { return opName + "(start, stop [, step])"; }
  };

  /** Declared after ROW_TYPE and CHECKER, which its constructor reads. */
  public static final GenerateSeries INSTANCE = new GenerateSeries();

  @Override
  public SqlReturnTypeInference getRowTypeInference() { return ROW_TYPE; }
}
