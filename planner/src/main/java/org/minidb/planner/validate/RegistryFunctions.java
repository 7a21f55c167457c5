package org.minidb.planner.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Exprs;
import org.minidb.planner.catalog.TypeMapping;

/**
 * The last operator table of the chain: any function the executor's registry knows ({@code Exprs.functionExists})
 * is callable from SQL without a hand-written Calcite operator, typed by {@code Exprs.functionResultType} over
 * the argument types (an argument list it has no overload for is PostgreSQL's 42883).
 */
public final class RegistryFunctions implements SqlOperatorTable {
  public static final RegistryFunctions TABLE = new RegistryFunctions();

  private RegistryFunctions() {}

  @Override
  public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
      List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
    // Last in the chain, which passes one list along: a name an earlier table resolved keeps its operator.
    if (!opName.isSimple() || syntax != SqlSyntax.FUNCTION || !operatorList.isEmpty()) return;
    String name = opName.getSimple().toLowerCase(Locale.ROOT);
    if (name.equals("translate3")) name = "translate"; // Calcite's parser names translate(a, b, c) so
    if (Exprs.functionExists(name)) operatorList.add(new RegistryFunction(name));
  }

  @Override
  public List<SqlOperator> getOperatorList() { return List.of(); }

  private static List<DataType> argTypes(SqlOperatorBinding binding) {
    List<DataType> types = new ArrayList<>();
    for (int i = 0; i < binding.getOperandCount(); i++) {
      RelDataType t = binding.getOperandType(i);
      types.add(t.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL ? DataType.TEXT
          : TypeMapping.resultType(t));
    }
    return types;
  }

  /** One executor function, resolved by name; overloads are the registry's. */
  private static final class RegistryFunction extends SqlFunction {
    RegistryFunction(String name) {
      super(name, SqlKind.OTHER_FUNCTION, binding -> TypeMapping.toRel(binding.getTypeFactory(),
              Exprs.functionResultType(name, argTypes(binding)), true), null, new SqlOperandTypeChecker() {
            @Override
            public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
              if (Exprs.functionResultType(name, argTypes(binding)) != null) return true;
              if (throwOnFailure) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < binding.getOperandCount(); i++) {
                  names.add(binding.operand(i) instanceof org.apache.calcite.sql.SqlLiteral && org.apache.calcite.sql.type.SqlTypeUtil.isCharacter(binding.getOperandType(i)) ? "unknown" : PgTypeNames.of(binding.getOperandType(i)));
                }
                throw new PositionedError(org.minidb.common.error.SqlState.UNDEFINED_FUNCTION, "function " + name + "("
                    + String.join(", ", names) + ") does not exist", binding.getCall().getParserPosition(),
                    PgValidator.FUNCTION_HINT);
              }
              return false;
            }

            @Override
            public SqlOperandCountRange getOperandCountRange() { return SqlOperandCountRanges.any(); }

            @Override
            public String getAllowedSignatures(SqlOperator op, String opName) { return opName + "(...)"; }
          }, SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    @Override
    public boolean isDeterministic() { return Exprs.isDeterministic(getName()); }

    @Override
    public boolean isDynamicFunction() { return !Exprs.isDeterministic(getName()); }
  }
}
