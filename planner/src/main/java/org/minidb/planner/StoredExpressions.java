package org.minidb.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.planner.catalog.TypeMapping;
import org.minidb.planner.compile.ExprCompiler;
import org.minidb.planner.compile.TableExpressions;
import org.minidb.planner.validate.Assignments;
import org.minidb.planner.validate.ParsedSql;
import org.minidb.storage.catalog.CheckConstraint;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * Plans the SQL text the catalog keeps for DEFAULT and CHECK: {@code SELECT <expr> [FROM <table>]} through
 * the same pipeline, then compiles the one select item. A CHECK sees the table's columns in attnum order,
 * which is exactly the layout of the new row the executor checks.
 */
final class StoredExpressions implements TableExpressions {
  private final QueryPlanner planner;

  StoredExpressions(QueryPlanner planner) { this.planner = planner; }

  @Override
  public Expr columnDefault(TableDef table, int attnum) {
    ColumnDef c = table.columns().get(attnum - 1);
    return compile(c.defaultExpr(), null, c.type(), false);
  }

  @Override
  public List<Expr> checks(TableDef table) {
    List<Expr> out = new ArrayList<>();
    for (CheckConstraint check : table.checks()) out.add(compile(check.expression(), table, null, true));
    return List.copyOf(out);
  }

  /**
   * Compiles one stored expression; over {@code table}'s columns if given.
   *
   * @param target the type to convert the value to (assignment rules), or null to keep it
   * @param predicate whether it must be boolean (CHECK)
   */
  Expr compile(String text, TableDef table, DataType target, boolean predicate) {
    Planned p = expression(text, table);
    RexNode expr = p.expr();
    if (predicate && expr.getType().getSqlTypeName() != SqlTypeName.BOOLEAN) {
      throw DbException.of(SqlState.DATATYPE_MISMATCH, "argument of CHECK must be type boolean, not type "
          + TypeMapping.resultType(expr.getType()).type().sqlName());
    }
    ExprCompiler compiler = new ExprCompiler(p.converted().rexBuilder(), new int[0], List.of(), null);
    return target == null ? compiler.compile(expr) : compiler.compileAs(expr, target);
  }

  record Planned(QueryPlanner.Converted converted, RexNode expr) {}

  /**
   * An index expression or predicate over {@code table}'s columns ($0 is its first column), as a query's
   * condition over a scan of the table is: IndexPaths compares the two. Cached, as the planner asks for it at
   * every plan of a query on the table; the key holds the table's definition, so a changed table parses again.
   */
  @Override
  public RexNode indexExpression(TableDef table, String text) {
    if (indexExpressionCache.size() > 1000) indexExpressionCache.clear();
    return indexExpressionCache.computeIfAbsent(java.util.List.of(table, text), k -> expression(text, table).expr());
  }

  private final java.util.concurrent.ConcurrentHashMap<java.util.List<Object>, RexNode> indexExpressionCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Validates and converts {@code SELECT text [FROM table]}; the result's one expression. */
  Planned expression(String text, TableDef table) {
    String sql = "SELECT " + text + (table == null ? "" : " FROM " + quote(table.schemaName()) + "." + quote(table.name()));
    ParsedSql parsed = Parsers.parse(sql);
    CatalogView view = singleTable(table);
    QueryPlanner.Converted c;
    try {
      c = planner.convert(sql, parsed, view, List.of());
    } catch (DbException e) {
      // The position would point into the synthetic SELECT, not into the statement the client sent.
      DbException moved = DbException.of(e.sqlState(), e.getMessage(), e);
      throw e.hint() == null ? moved : moved.withHint(e.hint());
    }
    RelNode rel = c.root().rel;
    RexNode expr;
    if (rel instanceof Project p && p.getProjects().size() == 1) {
      expr = p.getProjects().get(0);
    } else if (rel instanceof Values v && v.getTuples().size() == 1 && v.getTuples().get(0).size() == 1) {
      expr = v.getTuples().get(0).get(0);  // Calcite turns SELECT <constant> into VALUES
    } else {
      throw DbException.of(SqlState.SYNTAX_ERROR, "invalid expression: " + text);
    }
    return new Planned(c, expr);
  }

  /**
   * Checks a new table's DEFAULT and CHECK expressions as PostgreSQL does at CREATE TABLE: a default may
   * not reference columns and must be assignable to its column; a CHECK is a boolean over the columns.
   */
  void validate(CreateTableStatement create) {
    TableDef table = new TableDef(0, 0, create.schema() == null ? "public" : create.schema(), create.name(), 0,
        create.columns(), List.of());
    for (ColumnDef c : create.columns()) {
      if (c.defaultExpr() == null) continue;
      RexNode expr;
      try {
        expr = expression(c.defaultExpr(), null).expr();
      } catch (DbException e) {
        if (!SqlState.UNDEFINED_COLUMN.equals(e.sqlState())) throw e;
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression", e);
      }
      DataType from = TypeMapping.resultType(expr.getType());
      if (!Assignments.allowed(expr, from, c.type())) {
        throw DbException.of(SqlState.DATATYPE_MISMATCH, "column \"" + c.name() + "\" is of type "
            + c.type().formatType() + " but default expression is of type " + from.formatType())
            .withHint("You will need to rewrite or cast the expression.");
      }
    }
    for (CheckConstraint check : create.checks()) compile(check.expression(), table, null, true);
  }

  static String quote(String identifier) { return "\"" + identifier.replace("\"", "\"\"") + "\""; }

  private static CatalogView singleTable(TableDef table) {
    return new CatalogView() {
      @Override public long version() { return 0; }

      @Override
      public Optional<TableDef> table(String schema, String name) {
        return table != null && table.name().equals(name) && (schema == null || schema.equals(table.schemaName()))
            ? Optional.of(table) : Optional.empty();
      }

      @Override public List<TableDef> tables() { return table == null ? List.of() : List.of(table); }
    };
  }
}
