package org.minidb.planner.rel;

import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.minidb.planner.stats.PgRelMetadata;
import org.minidb.planner.validate.AssignmentCast;
import java.util.List;
import org.apache.calcite.tools.RelBuilder;

/**
 * Converts one validated statement into relational algebra on a fresh cluster. Metadata is served by the
 * reflective (proxying) handler provider, so that no Janino code generation happens on this path either, over
 * MiniDB's statistics ({@link PgRelMetadata}).
 */
public final class SqlToRel {
  private SqlToRel() {}

  private static final SqlToRelConverter.Config CONFIG = SqlToRelConverter.config()
      .withTrimUnusedFields(false)
      .withExpand(false)
      .withDecorrelationEnabled(true);

  /** Calcite's convertlets, plus MiniDB's assignment casts (a call of one operand, typed as validated). */
  private static final SqlRexConvertletTable CONVERTLETS = call -> call.getOperator() instanceof AssignmentCast
      ? (cx, c) -> cx.getRexBuilder().makeCall(cx.getValidator().getValidatedNodeType(c), c.getOperator(),
          List.of(cx.convertExpression(c.operand(0))))
      : StandardConvertletTable.INSTANCE.get(call);

  public static RexBuilder newRexBuilder(RelDataTypeFactory tf) { return new RexBuilder(tf); }

  public static RelOptCluster newCluster(RexBuilder rexBuilder) {
    HepPlanner planner = new HepPlanner(LogicalRewrites.PROGRAM);
    planner.setExecutor(NoFoldingRexExecutor.INSTANCE);
    RelOptCluster cluster = RelOptCluster.create(planner, rexBuilder);
    cluster.setMetadataQuerySupplier(
        () -> new RelMetadataQuery(new ProxyingMetadataHandlerProvider(PgRelMetadata.PROVIDER)));
    return cluster;
  }

  /**
   * SQL to rel without rewrites; {@code root.project()} and {@code root.collation} must be honoured. Views
   * referenced by the statement are expanded in place by {@code views}.
   */
  public static RelRoot convert(SqlValidator validator, Prepare.CatalogReader catalogReader, RelOptCluster cluster,
      SqlNode validated, RelOptTable.ViewExpander views) {
    SqlToRelConverter converter = new InsertValuesConverter(views, validator, catalogReader, cluster, CONVERTLETS,
        CONFIG, validated);
    RelRoot root = converter.convertQuery(validated, false, true);
    return validated.getKind() == org.apache.calcite.sql.SqlKind.INSERT
        ? root.withRel(InsertDefaults.resolve(root.rel)) : root;
  }

  /** The rule-based phase over a converted tree: sub-queries, decorrelation, pushdown. */
  public static RelNode rewrite(RelNode rel) {
    // INSERT ... VALUES: nothing to push down or decorrelate, and Hep copies a union of n one-row
    // projections once per input (quadratic in the number of rows).
    if (isInsertOfValues(rel)) return rel;
    RelNode r = rel;
    if (hasSubQuery(rel)) {
      r = LogicalRewrites.run(LogicalRewrites.SUB_QUERY_PROGRAM, r);
      r = RelDecorrelator.decorrelateQuery(r, RelBuilder.proto(Contexts.empty()).create(r.getCluster(), null));
    }
    r = LogicalRewrites.run(LogicalRewrites.PROGRAM, r);
    // Inner joins in the cheapest order (the written order is kept for none of them), then the projections
    // that restore column order merged with those above.
    RelNode ordered = org.minidb.planner.join.JoinOrder.reorder(r);
    if (ordered != r) r = LogicalRewrites.run(LogicalRewrites.PROGRAM, ordered);
    return r;
  }

  /**
   * An INSERT whose source is a VALUES list of several rows: only projections, unions and VALUES without
   * sub-queries, for which the rewrite rules have nothing to do (no selection, join or aggregate).
   */
  static boolean isInsertOfValues(RelNode rel) {
    return rel instanceof TableModify m && m.isInsert() && onlyValues(m.getInput()) && manyRows(m.getInput());
  }

  /** A list of several rows; a one-row INSERT keeps the pass, which merges its projections into one. */
  private static boolean manyRows(RelNode rel) {
    if (rel instanceof ExpressionValues || rel instanceof Union) return true;
    return rel instanceof Project p && manyRows(p.getInput());
  }

  private static boolean onlyValues(RelNode rel) {
    if (rel instanceof Values || rel instanceof ExpressionValues) return true;
    if (rel instanceof Project p) {
      return RexUtil.SubQueryFinder.find(p.getProjects()) == null && onlyValues(p.getInput());
    }
    if (rel instanceof Union u && u.all) {
      for (RelNode in : u.getInputs()) {
        if (!onlyValues(in)) return false;
      }
      return true;
    }
    return false;
  }

  /** Whether any expression of the tree holds a sub-query (only then are the sub-query passes worth it). */
  private static boolean hasSubQuery(RelNode rel) {
    if (rel instanceof Filter f && RexUtil.SubQueryFinder.find(f.getCondition()) != null) return true;
    if (rel instanceof Project p && RexUtil.SubQueryFinder.find(p.getProjects()) != null) return true;
    if (rel instanceof Join j && RexUtil.SubQueryFinder.find(j.getCondition()) != null) return true;
    for (RelNode in : rel.getInputs()) {
      if (hasSubQuery(in)) return true;
    }
    return false;
  }
}
