package org.minidb.planner.catalog;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Placeholder for "the DEFAULT of column attnum of the target table" inside an INSERT's source. It never
 * reaches the executor: the plan compiler substitutes the compiled default expression.
 */
public final class ColumnDefaultFunction extends SqlFunction {
  public static final ColumnDefaultFunction INSTANCE = new ColumnDefaultFunction();

  private ColumnDefaultFunction() {
    super("pg_column_default", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null, OperandTypes.NUMERIC,
        SqlFunctionCategory.SYSTEM);
  }

  @Override
  public boolean isDeterministic() { return false; }
}
