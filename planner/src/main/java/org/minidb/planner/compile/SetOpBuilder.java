package org.minidb.planner.compile;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Union;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.executor.expr.Exprs;
import org.minidb.executor.plan.AggregateNode;
import org.minidb.executor.plan.AppendNode;
import org.minidb.executor.plan.PlanNode;
import org.minidb.executor.plan.ProjectNode;
import org.minidb.executor.plan.SetOpNode;
import org.minidb.executor.plan.ValuesNode;
import org.minidb.planner.explain.ExplainNode;

/**
 * UNION [ALL], INTERSECT [ALL] and EXCEPT [ALL] as PostgreSQL plans them: UNION ALL is an Append of the
 * inputs, UNION a hash aggregate (distinct) over that Append, INTERSECT and EXCEPT a hash set operation
 * counting copies on each side (more than two inputs fold from the left). Each input is first brought to the
 * set operation's column types. A UNION ALL of single-row VALUES (how Calcite converts a VALUES list holding
 * expressions or parameters) stays one VALUES node.
 */
final class SetOpBuilder {
  private final PlanBuilder plans;

  SetOpBuilder(PlanBuilder plans) { this.plans = plans; }

  Built build(SetOp op) {
    List<DataType> types0 = op.getRowType().getFieldList().stream().map(f -> PlanBuilder.literalType(f.getType())).toList();
    List<String> names = op.getRowType().getFieldNames();
    List<Built> inputs = new ArrayList<>();
    for (RelNode in : op.getInputs()) inputs.add(plans.build(in, false));
    List<DataType> types = numericWithoutTypmod(types0, inputs);
    if (op instanceof Union u && u.all && inputs.stream().allMatch(b -> b.node() instanceof ValuesNode)) {
      return values(inputs, types, names);
    }
    List<PlanNode> nodes = new ArrayList<>();
    for (Built b : inputs) nodes.add(toTypes(b.node(), types));
    List<ExplainNode> children = inputs.stream().map(Built::explain).toList();
    if (op instanceof Union u) {
      PlanNode node = new AppendNode(nodes, types);
      ExplainNode append = new ExplainNode("Append", List.of(), children).withPlan(node);
      if (u.all) return new Built(node, append, names);
      int[] all = new int[types.size()];
      for (int i = 0; i < all.length; i++) all[i] = i;
      return new Built(new AggregateNode(node, all, List.of(), types),
          ExplainNode.of("HashAggregate", List.of("Group Key: " + String.join(", ", names)), append), names);
    }
    SetOpNode.Kind kind = op instanceof Intersect ? SetOpNode.Kind.INTERSECT : SetOpNode.Kind.EXCEPT;
    String title = "HashSetOp " + (kind == SetOpNode.Kind.INTERSECT ? "Intersect" : "Except") + (op.all ? " All" : "");
    PlanNode node = nodes.get(0);
    ExplainNode explain = children.get(0);
    for (int i = 1; i < nodes.size(); i++) {
      node = new SetOpNode(node, nodes.get(i), kind, op.all, types);
      explain = ExplainNode.of(title, List.of(), explain, children.get(i)).withPlan(node);
    }
    return new Built(node, explain, names);
  }

  /**
   * A VALUES list of expression rows (an INSERT's source), planned as the UNION ALL of its one-row
   * projections would be: one VALUES node, each value brought to its column's type.
   */
  Built rows(org.minidb.planner.rel.ExpressionValues v) {
    List<DataType> types0 = v.getRowType().getFieldList().stream().map(f -> PlanBuilder.literalType(f.getType())).toList();
    List<String> names = v.getRowType().getFieldNames();
    List<Built> inputs = new ArrayList<>(v.rows().size());
    for (List<org.apache.calcite.rex.RexNode> row : v.rows()) {
      List<DataType> types = row.stream().map(ExprCompiler::typeOf).toList();
      inputs.add(new Built(new ValuesNode(List.of(plans.compiler().compileAll(row)), types), null, names));
    }
    return values(inputs, numericWithoutTypmod(types0, inputs), names);
  }

  /**
   * PostgreSQL unifies integer and numeric(p,s) inputs to numeric without a typmod, each value keeping its
   * own scale (1 stays 1 next to 2.5); Calcite's numeric(11,1) would print 1.0.
   */
  private static List<DataType> numericWithoutTypmod(List<DataType> types, List<Built> inputs) {
    List<DataType> out = new ArrayList<>(types);
    for (int i = 0; i < out.size(); i++) {
      final int c = i;
      if (out.get(i).type() == org.minidb.common.types.PgType.NUMERIC
          && !inputs.stream().allMatch(b -> b.node().outputTypes().get(c).equals(types.get(c)))) {
        out.set(i, DataType.NUMERIC);
      }
    }
    return List.copyOf(out);
  }

  /** Casts (implicit coercion) the columns of {@code node} whose type differs from the set operation's. */
  private static PlanNode toTypes(PlanNode node, List<DataType> types) {
    List<DataType> from = node.outputTypes();
    if (from.equals(types)) return node;
    List<Expr> exprs = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      Expr col = Exprs.column(i);
      exprs.add(from.get(i).equals(types.get(i)) ? col : Exprs.cast(col, from.get(i), types.get(i), false));
    }
    return new ProjectNode(node, exprs, types);
  }

  private static Built values(List<Built> inputs, List<DataType> types, List<String> names) {
    List<List<Expr>> rows = new ArrayList<>();
    for (Built b : inputs) {
      ValuesNode vn = (ValuesNode) b.node();
      for (List<Expr> row : vn.rows()) {
        List<Expr> converted = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          DataType from = vn.outputTypes().get(i);
          converted.add(from.equals(types.get(i)) ? row.get(i) : Exprs.cast(row.get(i), from, types.get(i), false));
        }
        rows.add(converted);
      }
    }
    return new Built(new ValuesNode(rows, types), ExplainNode.of("Values Scan on \"*VALUES*\"", List.of()), names);
  }
}
