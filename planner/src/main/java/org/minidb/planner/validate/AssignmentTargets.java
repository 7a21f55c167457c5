package org.minidb.planner.validate;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Wraps each value an INSERT or UPDATE assigns to a column in an {@link AssignmentCast} to that column's
 * type, before validation: the VALUES rows of an INSERT, the select list of INSERT ... SELECT (when it
 * names its items: no {@code *}) and UPDATE's SET expressions. DEFAULT is left alone. Sources of other
 * shapes (UNION, ORDER BY) keep Calcite's coercion.
 */
final class AssignmentTargets {
  private AssignmentTargets() {}

  static void wrap(SqlNode top, SqlValidatorCatalogReader reader) {
    if (top instanceof SqlInsert insert) {
      List<RelDataTypeField> targets = targets(reader, insert.getTargetTable(), insert.getTargetColumnList());
      if (targets != null) wrapSource(insert.getSource(), targets);
    } else if (top instanceof SqlUpdate update) {
      List<RelDataTypeField> targets = targets(reader, update.getTargetTable(), update.getTargetColumnList());
      SqlNodeList values = update.getSourceExpressionList();
      if (targets == null) return;
      for (int i = 0; i < values.size() && i < targets.size(); i++) {
        values.set(i, wrapOne(values.get(i), targets.get(i)));
      }
    }
  }

  /** The target column of each position, or null when a name does not resolve (validation reports it). */
  private static List<RelDataTypeField> targets(SqlValidatorCatalogReader reader, SqlNode table,
      SqlNodeList columns) {
    if (!(table instanceof SqlIdentifier id)) return null;
    SqlValidatorTable t = reader.getTable(id.names);
    if (t == null) return null;
    RelDataType row = t.getRowType();
    if (columns == null) return row.getFieldList();
    List<RelDataTypeField> out = new java.util.ArrayList<>();
    for (SqlNode c : columns) {
      if (!(c instanceof SqlIdentifier name) || !name.isSimple()) return null;
      RelDataTypeField f = row.getField(name.getSimple(), true, false);
      if (f == null) return null;
      out.add(f);
    }
    return out;
  }

  private static void wrapSource(SqlNode source, List<RelDataTypeField> targets) {
    if (source.getKind() == SqlKind.VALUES && source instanceof SqlCall values) {
      for (SqlNode row : values.getOperandList()) {
        if (!(row instanceof SqlCall r) || r.getKind() != SqlKind.ROW) continue;
        for (int i = 0; i < r.operandCount() && i < targets.size(); i++) {
          r.setOperand(i, wrapOne(r.operand(i), targets.get(i)));
        }
      }
    } else if (source instanceof SqlSelect select) {
      SqlNodeList items = select.getSelectList();
      for (SqlNode item : items) {
        if (item instanceof SqlIdentifier id && id.isStar()) return;
      }
      for (int i = 0; i < items.size() && i < targets.size(); i++) {
        SqlNode item = items.get(i);
        if (item.getKind() == SqlKind.AS && item instanceof SqlCall as) {
          as.setOperand(0, wrapOne(as.operand(0), targets.get(i)));
        } else {
          items.set(i, wrapOne(item, targets.get(i)));
        }
      }
    }
  }

  private static SqlNode wrapOne(SqlNode value, RelDataTypeField target) {
    if (value.getKind() == SqlKind.DEFAULT || AssignmentCast.isWrapped(value)) return value;
    return AssignmentCast.wrap(value, target.getType(), target.getName());
  }
}
