package org.minidb.planner.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Calcite's converter, except that the multi-row VALUES source of an INSERT becomes one
 * {@link ExpressionValues} (each row converted by Calcite in the VALUES scope)
 * instead of a union of n projections, which Calcite's own post-conversion shuttle copies once per row.
 * Rows holding a sub-query or DEFAULT keep Calcite's form.
 */
final class InsertValuesConverter extends SqlToRelConverter {
  private final SqlNode insertSource;

  InsertValuesConverter(RelOptTable.ViewExpander viewExpander, SqlValidator validator,
      Prepare.CatalogReader reader, RelOptCluster cluster, SqlRexConvertletTable convertlets, Config config,
      SqlNode validated) {
    super(viewExpander, validator, reader, cluster, convertlets, config);
    this.insertSource = validated instanceof SqlInsert insert ? insert.getSource() : null;
  }

  @Override
  public RelNode convertValues(SqlCall values, RelDataType targetRowType) {
    if (values != insertSource || values.operandCount() < 2 || needsCalcitesForm(values)) {
      return super.convertValues(values, targetRowType);
    }
    SqlValidatorScope scope = validator.getOverScope(values);
    List<List<RexNode>> rows = new ArrayList<>(values.operandCount());
    List<RelDataType> rowTypes = new ArrayList<>(values.operandCount());
    List<String> names = null;
    for (SqlNode r : values.getOperandList()) {
      if (!(r instanceof SqlCall row) || row.getKind() != SqlKind.ROW) return super.convertValues(values, targetRowType);
      Blackboard bb = createBlackboard(scope, null, false);
      List<RexNode> exprs = new ArrayList<>(row.operandCount());
      List<RelDataType> types = new ArrayList<>(row.operandCount());
      for (SqlNode operand : row.getOperandList()) {
        RexNode e = bb.convertExpression(operand);
        exprs.add(e);
        types.add(e.getType());
      }
      if (names == null) {
        names = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) names.add("EXPR$" + i);
      }
      rows.add(exprs);
      rowTypes.add(typeFactory.createStructType(types, names));
    }
    // The row type Calcite's union of the rows would have.
    RelDataType rowType = typeFactory.leastRestrictive(rowTypes);
    if (rowType == null) return super.convertValues(values, targetRowType);
    return new ExpressionValues(cluster, rowType, rows);
  }

  /**
   * Whether some row holds a query (a scalar sub-query, EXISTS, IN (SELECT ...)), which needs a join, or
   * DEFAULT, which Calcite resolves against the target column while converting the rows.
   */
  private static boolean needsCalcitesForm(SqlCall values) {
    boolean[] found = {false};
    SqlBasicVisitor<Void> finder = new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call.getKind().belongsTo(SqlKind.QUERY) || call.getKind() == SqlKind.DEFAULT) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }
    };
    for (SqlNode row : values.getOperandList()) row.accept(finder);
    return found[0];
  }
}
