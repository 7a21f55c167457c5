package org.minidb.planner.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.minidb.planner.catalog.PgTypeSystem;

/**
 * PostgreSQL's type resolution for the columns of a VALUES list outside INSERT (select_common_type): unknown
 * literals take the type of the column's typed values ({@code ('2024-01-01'), (DATE '2024-01-02')} is date),
 * and integers mixed with numerics make an unconstrained numeric whose values keep their own scale
 * ({@code VALUES (1), (2.5)} gives 1 and 2.5, where Calcite would make numeric(11,1) of 1.0). Such columns
 * get their values wrapped in {@link AssignmentCast}s to the common type; other columns are left to Calcite.
 */
final class ValuesColumnTypes {
  private ValuesColumnTypes() {}

  static void resolve(PgValidator validator, SqlValidatorScope scope, SqlCall values) {
    List<SqlCall> rows = new ArrayList<>();
    for (SqlNode row : values.getOperandList()) {
      if (!(row instanceof SqlCall r) || r.getKind() != SqlKind.ROW) return;
      if (!rows.isEmpty() && r.operandCount() != rows.get(0).operandCount()) return;
      rows.add(r);
    }
    if (rows.size() < 2) return;
    for (int c = 0; c < rows.get(0).operandCount(); c++) {
      RelDataType target = commonType(validator, scope, rows, c);
      if (target == null) continue;
      for (SqlCall row : rows) {
        SqlNode v = row.operand(c);
        if (org.apache.calcite.sql.SqlUtil.isNullLiteral(v, false) || AssignmentCast.isWrapped(v)) continue;
        row.setOperand(c, AssignmentCast.wrap(v, target, null));
      }
    }
  }

  /** The type to bring column {@code c} to, or null when Calcite's own unification is right. */
  private static RelDataType commonType(PgValidator validator, SqlValidatorScope scope, List<SqlCall> rows, int c) {
    List<RelDataType> typed = new ArrayList<>();
    boolean unknown = false;
    for (SqlCall row : rows) {
      SqlNode v = row.operand(c);
      if (org.apache.calcite.sql.SqlUtil.isNullLiteral(v, false) || v.getKind() == SqlKind.DEFAULT) continue;
      if (v instanceof SqlLiteral l && SqlTypeUtil.isCharacter(validator.deriveType(scope, l))) {
        unknown = true;
        continue;
      }
      if (v instanceof SqlLiteral || v instanceof SqlCall && !v.getKind().belongsTo(SqlKind.QUERY)) {
        typed.add(validator.deriveType(scope, v));
      } else {
        return null;
      }
    }
    if (typed.isEmpty()) return null;
    boolean anyDecimal = false;
    boolean allExact = true;
    for (RelDataType t : typed) {
      if (t.getSqlTypeName() == SqlTypeName.DECIMAL) anyDecimal = true;
      if (!SqlTypeUtil.isExactNumeric(t)) allExact = false;
    }
    if (anyDecimal && allExact) {
      return PgTypeSystem.unconstrainedNumeric(validator.getTypeFactory());
    }
    if (!unknown) return null;
    if (typed.stream().anyMatch(SqlTypeUtil::isCharacter)) return null;
    return validator.getTypeFactory().leastRestrictive(typed);
  }
}
