package org.minidb.planner.validate;

import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * PostgreSQL functions Calcite does not have. The executor implements them by name
 * ({@code Exprs.function}); the planner only types them.
 */
public final class PgFunctions {
  private PgFunctions() {}

  /** {@code version()}: the server's version string. */
  public static final SqlFunction VERSION = new SqlFunction("version", SqlKind.OTHER_FUNCTION,
      ReturnTypes.explicit(SqlTypeName.VARCHAR), null, OperandTypes.NILADIC, SqlFunctionCategory.SYSTEM);

  /** {@code now()}: the start of the transaction, timestamptz. Never folded at plan time. */
  public static final SqlFunction NOW = new SqlFunction("now", SqlKind.OTHER_FUNCTION,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6), null, OperandTypes.NILADIC,
      SqlFunctionCategory.TIMEDATE) {
    @Override public boolean isDynamicFunction() { return true; }
    @Override public boolean isDeterministic() { return false; }
  };

  /**
   * {@code CURRENT_TIMESTAMP}: PostgreSQL's is timestamptz with microseconds (Calcite's is TIMESTAMP(0)).
   * Found before Calcite's own because this table comes first in the chain.
   */
  public static final SqlFunction CURRENT_TIMESTAMP = new SqlFunction("CURRENT_TIMESTAMP",
      SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6), null,
      OperandTypes.NILADIC, SqlFunctionCategory.TIMEDATE) {
    @Override public org.apache.calcite.sql.SqlSyntax getSyntax() { return org.apache.calcite.sql.SqlSyntax.FUNCTION_ID; }
    @Override public boolean isDynamicFunction() { return true; }
    @Override public boolean isDeterministic() { return false; }
  };

  /** {@code LOCALTIMESTAMP}: timestamp with microseconds, as PostgreSQL's (Calcite's is TIMESTAMP(0)). */
  public static final SqlFunction LOCALTIMESTAMP = new SqlFunction("LOCALTIMESTAMP",
      SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 6), null,
      OperandTypes.NILADIC, SqlFunctionCategory.TIMEDATE) {
    @Override public org.apache.calcite.sql.SqlSyntax getSyntax() { return org.apache.calcite.sql.SqlSyntax.FUNCTION_ID; }
    @Override public boolean isDynamicFunction() { return true; }
    @Override public boolean isDeterministic() { return false; }
  };

  /** {@code current_database()}. */
  public static final SqlFunction CURRENT_DATABASE = new SqlFunction("current_database",
      SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(SqlTypeName.VARCHAR), null, OperandTypes.NILADIC,
      SqlFunctionCategory.SYSTEM);

  /**
   * {@code EXTRACT(field FROM x)} with PostgreSQL 15's result type, numeric (Calcite's is BIGINT). The
   * parser builds Calcite's operator; the validator puts this one in its place. The executor's
   * {@code extract(text, x)} computes it.
   */
  public static final SqlFunction EXTRACT = new SqlFunction("EXTRACT", SqlKind.EXTRACT,
      ReturnTypes.explicit(tf -> org.minidb.planner.catalog.PgTypeSystem.unconstrainedNumeric(tf))
          .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE), null, OperandTypes.ANY_ANY,
      SqlFunctionCategory.TIMEDATE) {
    @Override
    public void unparse(org.apache.calcite.sql.SqlWriter writer, org.apache.calcite.sql.SqlCall call,
        int leftPrec, int rightPrec) {
      org.apache.calcite.sql.fun.SqlStdOperatorTable.EXTRACT.unparse(writer, call, leftPrec, rightPrec);
    }

    /** Typed here: SqlFunction's deriveType would look "EXTRACT" up again and find Calcite's. */
    @Override
    public org.apache.calcite.rel.type.RelDataType deriveType(org.apache.calcite.sql.validate.SqlValidator validator,
        org.apache.calcite.sql.validate.SqlValidatorScope scope, org.apache.calcite.sql.SqlCall call) {
      validator.deriveType(scope, call.operand(1));
      return validateOperands(validator, scope, call);
    }
  };

  /**
   * PostgreSQL's {@code ^}: double precision, or numeric when an operand is numeric (Calcite types it as its
   * first operand). The validator puts it in place of Calcite's; the compiler runs it as power().
   */
  public static final org.apache.calcite.sql.SqlBinaryOperator CARET = new org.apache.calcite.sql.SqlBinaryOperator(
      "^", SqlKind.OTHER, 70, true, binding -> {
        boolean numeric = false;
        for (int i = 0; i < binding.getOperandCount(); i++) {
          numeric |= binding.getOperandType(i).getSqlTypeName() == SqlTypeName.DECIMAL;
        }
        org.apache.calcite.rel.type.RelDataTypeFactory tf = binding.getTypeFactory();
        return tf.createTypeWithNullability(numeric ? org.minidb.planner.catalog.PgTypeSystem.unconstrainedNumeric(tf)
            : tf.createSqlType(SqlTypeName.DOUBLE), true);
      }, org.apache.calcite.sql.type.InferTypes.FIRST_KNOWN, OperandTypes.NUMERIC_NUMERIC) {
    @Override
    public org.apache.calcite.rel.type.RelDataType deriveType(org.apache.calcite.sql.validate.SqlValidator validator,
        org.apache.calcite.sql.validate.SqlValidatorScope scope, org.apache.calcite.sql.SqlCall call) {
      for (org.apache.calcite.sql.SqlNode operand : call.getOperandList()) validator.deriveType(scope, operand);
      return validateOperands(validator, scope, call);
    }
  };

  public static final SqlOperatorTable TABLE =
      SqlOperatorTables.of(List.of(VERSION, NOW, CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_DATABASE,
          GenerateSeries.INSTANCE));
}
