package org.minidb.planner.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.minidb.common.error.DbException;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.minidb.storage.catalog.ViewDef;

/**
 * A view as Calcite sees it: a table whose rows are those of its query. Converting a reference to it
 * expands the stored query in place (through the converter's view expander), so the rewrite rules see one
 * tree and push selections into the view's query as into a derived table; EXPLAIN shows the scans beneath.
 *
 * <p>The expansion is renamed (and cast where Calcite's types differ, e.g. a CHAR literal the view stores as
 * text) to the view's stored columns, which are what the outer query was validated against.
 */
public final class MiniDbView extends AbstractTable implements TranslatableTable {
  private final ViewDef def;

  public MiniDbView(ViewDef def) { this.def = def; }

  public ViewDef def() { return def; }

  @Override
  public RelDataType getRowType(RelDataTypeFactory tf) { return MiniDbTable.rowType(tf, def.columns()); }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelDataType target = relOptTable.getRowType();
    RelNode rel = context.expandView(target, def.definition(), List.of(def.schemaName()),
        List.of(def.schemaName(), def.name())).project();
    List<RelDataTypeField> fields = rel.getRowType().getFieldList();
    if (fields.size() != target.getFieldCount()) {
      throw DbException.internal("view \"" + def.name() + "\" has " + target.getFieldCount()
          + " columns but its query returns " + fields.size(), null);
    }
    RexBuilder rb = rel.getCluster().getRexBuilder();
    List<RexNode> exprs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      RexNode ref = rb.makeInputRef(rel, i);
      RelDataType type = target.getFieldList().get(i).getType();
      // Casts that only widen nullability (the view's columns are all nullable, as PostgreSQL's are) are
      // dropped again by the simplifier wherever an expression is rewritten (e.g. a filter pushed down).
      exprs.add(ref.getType().equals(type) ? ref : rb.makeCast(type, ref));
    }
    return RelOptUtil.createProject(rel, exprs, target.getFieldNames());
  }

  @Override
  public <C> C unwrap(Class<C> aClass) {
    if (aClass.isInstance(this)) return aClass.cast(this);
    return super.unwrap(aClass);
  }
}
