package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.DeleteNode;
import org.minidb.executor.plan.InsertNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.UpdateNode;
import org.minidb.planner.catalog.TypeMapping;
import org.minidb.planner.explain.ExplainNode;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * INSERT, UPDATE and DELETE. The executor wants full rows in the table's column order and types (INSERT),
 * the complete new row followed by the old version's tid (UPDATE), and rows ending in the tid (DELETE).
 */
final class ModifyBuilder {
  private final PlanBuilder plans;

  ModifyBuilder(PlanBuilder plans) { this.plans = plans; }

  Built build(TableModify modify) {
    TableDef def = PlanBuilder.tableOf(modify);
    return switch (modify.getOperation()) {
      case INSERT -> insert(modify, def);
      case UPDATE -> update(modify, def);
      case DELETE -> delete(modify, def);
      default -> throw ExprCompiler.unsupported(modify.getOperation() + "");
    };
  }

  private Built insert(TableModify modify, TableDef def) {
    ExprCompiler withDefaults = plans.compiler().withColumnDefaults(
        attnum -> plans.tableExpressions().columnDefault(def, attnum));
    PlanBuilder sourcePlans = new PlanBuilder(withDefaults, plans.rexBuilder(), plans.parameterIndexes(),
        plans.tableExpressions(), modify.getInput(), plans.aliases());
    Built source = sourcePlans.build(modify.getInput(), false);
    PlanNode node = toColumnTypes(source.node(), def, modify.getInput().getRowType().getFieldList());
    List<Expr> checks = plans.tableExpressions().checks(def);
    return new Built(new InsertNode(def, node, checks),
        ExplainNode.of("Insert on " + org.minidb.planner.explain.Identifiers.quote(def.name()), List.of(), source.explain()).withEstimate(modifyEstimate(source)), List.of());
  }

  /** Adds the assignment casts that bring each source column to its table column's type, if any differ. */
  private static PlanNode toColumnTypes(PlanNode source, TableDef def, List<RelDataTypeField> fields) {
    List<DataType> from = source.outputTypes();
    boolean same = true;
    List<Expr> exprs = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    for (int i = 0; i < def.columnCount(); i++) {
      DataType to = def.columns().get(i).type();
      DataType f = from.get(i);
      Expr e = Exprs.column(i);
      if (!f.equals(to)) {
        same = false;
        e = Exprs.cast(e, f, to, false);
      }
      exprs.add(e);
      types.add(to);
    }
    return same ? source : new ProjectNode(source, exprs, types);
  }

  private Built update(TableModify modify, TableDef def) {
    Built source = plans.build(modify.getInput(), true);
    List<String> updated = modify.getUpdateColumnList();
    int ncols = def.columnCount();
    List<DataType> sourceTypes = source.node().outputTypes();
    List<Expr> exprs = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    for (ColumnDef c : def.columns()) {
      int k = updated.indexOf(c.name());
      int index = k < 0 ? c.attnum() - 1 : ncols + k;
      DataType from = sourceTypes.get(index);
      Expr e = Exprs.column(index);
      exprs.add(from.equals(c.type()) ? e : Exprs.cast(e, from, c.type(), false));
      types.add(c.type());
    }
    exprs.add(Exprs.column(sourceTypes.size() - 1));
    types.add(DataType.INT8);
    PlanNode node = new ProjectNode(source.node(), exprs, types);
    return new Built(new UpdateNode(def, node, plans.tableExpressions().checks(def)),
        ExplainNode.of("Update on " + org.minidb.planner.explain.Identifiers.quote(def.name()), List.of(), source.explain()).withEstimate(modifyEstimate(source)), List.of());
  }

  private Built delete(TableModify modify, TableDef def) {
    Built source = plans.build(modify.getInput(), true);
    return new Built(new DeleteNode(def, source.node()),
        ExplainNode.of("Delete on " + org.minidb.planner.explain.Identifiers.quote(def.name()), List.of(), source.explain()).withEstimate(modifyEstimate(source)), List.of());
  }

  static DataType typeOf(RelDataTypeField f) { return TypeMapping.fromRel(f.getType()); }

  /** ModifyTable: its source's cost; PostgreSQL shows no rows and no width for it (without RETURNING). */
  private static org.minidb.planner.explain.Estimate modifyEstimate(Built source) {
    org.minidb.planner.explain.Estimate e = source.explain().estimate();
    return e == null ? null : new org.minidb.planner.explain.Estimate(e.startupCost(), e.totalCost(), 0, 0);
  }
}
