package org.minidb.planner.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * A VALUES list whose rows are expressions (assignment casts, parameters, DEFAULT, arithmetic), not only
 * literals: the source of a multi-row {@code INSERT ... VALUES}. Calcite's own form is a UNION ALL of one
 * projection per row over a one-row VALUES, which every shuttle and Hep pass copies once per row
 * (quadratic); this node holds the n rows in one place. No row refers to an input or holds a sub-query.
 */
public final class ExpressionValues extends AbstractRelNode {
  private final List<List<RexNode>> rows;

  ExpressionValues(RelOptCluster cluster, RelDataType rowType, List<List<RexNode>> rows) {
    super(cluster, cluster.traitSetOf(Convention.NONE));
    this.rowType = rowType;
    this.rows = List.copyOf(rows);
  }

  public List<List<RexNode>> rows() { return rows; }

  @Override protected RelDataType deriveRowType() { return rowType; }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) { return this; }

  @Override public RelNode accept(RexShuttle shuttle) {
    List<List<RexNode>> out = new ArrayList<>(rows.size());
    boolean changed = false;
    for (List<RexNode> row : rows) {
      List<RexNode> r = new ArrayList<>(row.size());
      for (RexNode e : row) {
        RexNode n = e.accept(shuttle);
        changed |= n != e;
        r.add(n);
      }
      out.add(r);
    }
    return changed ? new ExpressionValues(getCluster(), rowType, out) : this;
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("rows", rows);
  }
}
