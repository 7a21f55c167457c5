package org.minidb.planner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlNode;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.parse.PgParser;
import org.minidb.planner.rel.SqlToRel;
import org.minidb.planner.validate.ParsedSql;
import org.minidb.planner.validate.PgValidator;

/**
 * Expands a view reference into its query, PostgreSQL's rewriter step done on Calcite's terms: the stored
 * text is parsed, validated against the same catalog reader as the statement and converted on the same
 * cluster, so the view's query becomes part of the statement's tree (and the rewrite rules push selections
 * into it). One instance per statement; views inside views expand through it recursively.
 *
 * <p>A view that reaches itself (possible after CREATE OR REPLACE) fails as in PostgreSQL, with 42P17
 * {@code infinite recursion detected in rules for relation "v"}, naming the view met twice.
 */
final class ViewExpansion implements RelOptTable.ViewExpander {
  private final CalciteCatalogReader reader;
  private final RelOptCluster cluster;
  private final Deque<List<String>> expanding = new ArrayDeque<>();

  ViewExpansion(CalciteCatalogReader reader, RelOptCluster cluster) {
    this.reader = reader;
    this.cluster = cluster;
  }

  @Override
  public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
      List<String> viewPath) {
    if (expanding.contains(viewPath)) {
      throw DbException.of(SqlState.INVALID_OBJECT_DEFINITION,
          "infinite recursion detected in rules for relation \"" + viewPath.getLast() + "\"");
    }
    expanding.push(viewPath);
    try {
      ParsedSql parsed = ParsedSql.of(PgParser.parse(queryString));
      PgValidator validator = PgValidator.create(QueryPlanner.OPERATORS, reader, cluster.getTypeFactory(),
          new RelDataType[0]);
      SqlNode validated;
      try {
        validated = QueryPlanner.validate(validator, parsed);
      } catch (DbException e) {
        // A position would point into the view's text, not the client's statement.
        throw e.withPosition(0);
      }
      return SqlToRel.convert(validator, reader, cluster, validated, this);
    } finally {
      expanding.pop();
    }
  }
}
