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
    String sql = "SELECT " + text + (table == null ? "" : " FROM " + quote(table.schemaName()) + "." + quote(table.name()));
    ParsedSql parsed = Parsers.parse(sql);
    CatalogView view = singleTable(table);
    QueryPlanner.Converted c;
    try {
      c = planner.convert(sql, parsed, view, List.of());
    } catch (DbException e) {
      throw DbException.of(e.sqlState(), e.getMessage(), e);
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
    if (predicate && expr.getType().getSqlTypeName() != SqlTypeName.BOOLEAN) {
      throw DbException.of(SqlState.DATATYPE_MISMATCH, "argument of CHECK constraint must be type boolean, not type "
          + TypeMapping.resultType(expr.getType()).type().sqlName());
    }
    ExprCompiler compiler = new ExprCompiler(c.rexBuilder(), parsed.parameterIndexes(), List.of(), null);
    return target == null ? compiler.compile(expr) : compiler.compileAs(expr, target);
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
