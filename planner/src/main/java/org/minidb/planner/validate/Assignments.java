package org.minidb.planner.validate;

import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

/**
 * Whether PostgreSQL converts a value to a column's type on assignment (INSERT, UPDATE, DEFAULT): an
 * untyped literal converts to anything, numbers to numbers, date/time types to each other, anything to a
 * string type; a typed string does not become a number.
 */
public final class Assignments {
  private Assignments() {}

  public static boolean allowed(RexNode expr, DataType from, DataType to) {
    if (expr instanceof RexLiteral lit && (lit.isNull() || SqlTypeUtil.isCharacter(lit.getType()))) return true;
    return allowed(from, to);
  }

  /** For a typed value (not an untyped literal). */
  public static boolean allowed(DataType from, DataType to) {
    if (from.type() == to.type()) return true;
    PgType f = from.type();
    PgType t = to.type();
    if (f.isNumeric() && t.isNumeric()) return true;
    if (t.isString()) return true;
    return f.isDateTime() && t.isDateTime();
  }
}
