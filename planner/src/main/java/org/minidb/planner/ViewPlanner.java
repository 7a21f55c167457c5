package org.minidb.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.catalog.MiniDbTable;
import org.minidb.planner.catalog.MiniDbView;
import org.minidb.planner.ddl.DdlConverter;
import org.minidb.planner.parse.ParsedStatement;
import org.minidb.planner.parse.PgCreateView;
import org.minidb.planner.validate.ParsedSql;
import org.minidb.storage.catalog.ColumnDef;

/**
 * CREATE [OR REPLACE] VIEW: plans the query as a SELECT (so every error a query would get, it gets now, at
 * its position in the statement), names and types the columns as PostgreSQL's DefineView does, and finds the
 * relations the query reads directly (not those of views it reads: each view records its own).
 */
final class ViewPlanner {
  private ViewPlanner() {}

  static CreateViewStatement plan(QueryPlanner queries, PgCreateView create, ParsedStatement statement,
      CatalogView catalog) {
    QualifiedName name = DdlConverter.name(create.name(), statement.source());
    ParsedSql parsed = new ParsedSql(create.query(), new int[0], statement.source());
    QueryPlanner.Converted c = queries.convert(statement.source().original(), parsed, catalog, List.of());
    List<ResultColumn> result = QueryPlanner.resultColumns(c, c.root().project(), catalog);
    List<SqlIdentifier> given = create.columns();
    if (given.size() > result.size()) {
      throw DbException.of(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
    }
    List<ColumnDef> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < result.size(); i++) {
      String column = i < given.size() ? given.get(i).getSimple() : result.get(i).name();
      if (!names.add(column)) {
        throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"" + column + "\" specified more than once");
      }
      columns.add(new ColumnDef(column, i + 1, result.get(i).type(), false, null));
    }
    return new CreateViewStatement(name.schema(), name.name(), create.getReplace(), List.copyOf(columns),
        definition(create, statement), references(c.validator(), c.validated()));
  }

  /** The client's text from the query's first token to the end of the statement, trailing ';' dropped. */
  private static String definition(PgCreateView create, ParsedStatement statement) {
    String original = statement.source().original();
    int from = statement.source().originalOffset(create.queryLine(), create.queryColumn());
    int to = original.length();
    while (to > from && (Character.isWhitespace(original.charAt(to - 1)) || original.charAt(to - 1) == ';')) to--;
    return original.substring(from, to);
  }

  /** pg_class OIDs of the tables and views named in FROM clauses anywhere in the query, in order found. */
  private static List<Long> references(SqlValidator validator, SqlNode validated) {
    Set<Long> found = new LinkedHashSet<>();
    validated.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) from(select.getFrom());
        return super.visit(call);
      }

      private void from(SqlNode node) {
        if (node instanceof SqlJoin join) {
          from(join.getLeft());
          from(join.getRight());
          return;
        }
        if (node.getKind() == SqlKind.AS) from(((SqlCall) node).operand(0));
        if (!(node instanceof SqlIdentifier) && node.getKind() != SqlKind.AS) return;
        SqlValidatorNamespace ns = validator.getNamespace(node);
        SqlValidatorTable table = ns == null ? null : ns.getTable();
        if (table == null) return;
        MiniDbTable t = table.unwrap(MiniDbTable.class);
        MiniDbView v = table.unwrap(MiniDbView.class);
        if (t != null) found.add(t.def().oid());
        if (v != null) found.add(v.def().oid());
      }
    });
    return List.copyOf(found);
  }
}
