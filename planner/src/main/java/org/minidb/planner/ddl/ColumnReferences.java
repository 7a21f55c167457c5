package org.minidb.planner.ddl;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The table's columns an expression mentions, by name. It stands in for PostgreSQL's pull_var_clause when
 * naming a CHECK constraint, before the expression has been validated: identifiers that are not columns of
 * the table are ignored (the validator reports them later).
 */
final class ColumnReferences {
  private ColumnReferences() {}

  static Set<String> of(SqlNode expression, Set<String> columns) {
    Set<String> found = new LinkedHashSet<>();
    expression.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        if (!id.isStar()) {
          String name = Identifiers.truncate(id.names.get(id.names.size() - 1));
          if (columns.contains(name)) {
            found.add(name);
          }
        }
        return null;
      }
    });
    return found;
  }
}
