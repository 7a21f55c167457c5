package org.minidb.planner.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.CreateIndexStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.parse.PgCreateIndex;
import org.minidb.planner.parse.SourceMap;
import org.minidb.storage.catalog.IndexSpec;

/**
 * Turns a parsed CREATE INDEX into its statement: only btree; key columns or expressions with their order; INCLUDE
 * columns; a predicate. What needs the table (columns exist, types, IMMUTABLE functions) is checked when the
 * statement runs ({@link org.minidb.planner.Planner#checkIndexExpression}); what the syntax alone decides
 * (aggregates, subqueries, ordering options of INCLUDE) is checked here, with PostgreSQL's errors.
 */
public final class CreateIndexConverter {
  private CreateIndexConverter() {}

  public static CreateIndexStatement convert(PgCreateIndex create, SourceMap source) {
    QualifiedName table = Identifiers.qualifiedName(create.table(), source);
    if (create.method() != null) {
      String method = Identifiers.truncate(create.method().getSimple());
      if (!method.equals("btree")) {
        throw DbException.of(SqlState.UNDEFINED_OBJECT, "access method \"" + method + "\" does not exist");
      }
    }
    List<IndexSpec.Column> columns = new ArrayList<>();
    for (int i = 0; i < create.elements().size(); i++) {
      columns.add(column(create.elements().get(i), create.texts().get(i), source));
    }
    List<String> include = new ArrayList<>();
    for (SqlNode e : create.include()) include.add(includeColumn(e));
    String predicate = null;
    if (create.predicate() != null) {
      reject(create.predicate(), "index predicates", "index predicate", source);
      predicate = create.predicateText();
    }
    String name = create.name() == null ? null : Identifiers.truncate(create.name().getSimple());
    return new CreateIndexStatement(table, name, create.ifNotExists, create.unique(), List.copyOf(columns),
        List.copyOf(include), predicate);
  }

  /**
   * column or expression, DESC(...), NULLS_FIRST/LAST(...): PostgreSQL's defaults, DESC means NULLS FIRST. An
   * expression's name is FigureColname's (a function's name, else "expr"); its type is filled in later.
   */
  private static IndexSpec.Column column(SqlNode e, String text, SourceMap source) {
    Boolean nullsFirst = null;
    if (e.getKind() == SqlKind.NULLS_FIRST || e.getKind() == SqlKind.NULLS_LAST) {
      nullsFirst = e.getKind() == SqlKind.NULLS_FIRST;
      e = ((SqlCall) e).operand(0);
    }
    boolean desc = e.getKind() == SqlKind.DESCENDING;
    if (desc) e = ((SqlCall) e).operand(0);
    boolean nulls = nullsFirst != null ? nullsFirst : desc;
    if (e instanceof SqlIdentifier id && id.isSimple()) {
      return new IndexSpec.Column(Identifiers.truncate(id.getSimple()), desc, nulls);
    }
    reject(e, "index expressions", "index expression", source);
    return new IndexSpec.Column(IndexExpressionNames.figure(e), desc, nulls, withoutParentheses(text), null);
  }

  /** {@code (a + b)} as {@code a + b}: the parentheses an expression element needs are not part of it. */
  static String withoutParentheses(String text) {
    String t = text.strip();
    while (t.startsWith("(") && closingParenthesis(t) == t.length() - 1) t = t.substring(1, t.length() - 1).strip();
    return t;
  }

  /** The index of the parenthesis closing the one at 0 (quotes respected), or -1. */
  private static int closingParenthesis(String t) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (quote != 0) {
        if (ch == quote) quote = 0;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** An INCLUDE element: a plain column, without ordering options (42P17) and not an expression (0A000). */
  private static String includeColumn(SqlNode e) {
    if (e.getKind() == SqlKind.NULLS_FIRST || e.getKind() == SqlKind.NULLS_LAST) {
      throw DbException.of(SqlState.INVALID_OBJECT_DEFINITION,
          "including column does not support NULLS FIRST/LAST options");
    }
    if (e.getKind() == SqlKind.DESCENDING) {
      throw DbException.of(SqlState.INVALID_OBJECT_DEFINITION, "including column does not support ASC/DESC options");
    }
    if (!(e instanceof SqlIdentifier id) || !id.isSimple()) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "expressions are not supported in included columns");
    }
    return Identifiers.truncate(id.getSimple());
  }

  /** Aggregates (42803) and subqueries (0A000) are not allowed in index expressions and predicates. */
  private static void reject(SqlNode e, String plural, String singular, SourceMap source) {
    e.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (org.minidb.planner.parse.AggregateNames.isAggregate(call)) {
          throw DbException.of(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + plural)
              .withPosition(source.position(call.getParserPosition()));
        }
        if (call instanceof SqlSelect || call.getKind() == SqlKind.EXISTS || call.getKind() == SqlKind.SCALAR_QUERY) {
          throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in " + singular)
              .withPosition(source.position(call.getParserPosition()));
        }
        return super.visit(call);
      }
    });
  }
}
