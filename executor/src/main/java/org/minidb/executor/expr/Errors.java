package org.minidb.executor.expr;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.PgType;

/** The errors PostgreSQL raises from its operators and functions, with its exact wording. */
final class Errors {
  private Errors() {}

  static DbException outOfRange(PgType type) {
    String name = switch (type) {
      case INT2 -> "smallint";
      case INT8 -> "bigint";
      default -> "integer";
    };
    return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, name + " out of range");
  }

  static DbException divisionByZero() { return DbException.of(SqlState.DIVISION_BY_ZERO, "division by zero"); }

  static DbException floatOverflow() {
    return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
  }

  static DbException floatUnderflow() {
    return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
  }

  static DbException dateOutOfRange() { return DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range"); }
}
