package org.minidb.planner.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.CreateIndexStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.parse.PgCreateIndex;
import org.minidb.planner.parse.SourceMap;
import org.minidb.storage.catalog.IndexSpec;

/** Turns a parsed CREATE INDEX into its statement: only btree, key columns with their order. */
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
    for (SqlNode e : create.elements()) columns.add(column(e));
    String name = create.name() == null ? null : Identifiers.truncate(create.name().getSimple());
    return new CreateIndexStatement(table, name, create.ifNotExists, create.unique(), List.copyOf(columns));
  }

  /** column, DESC(column), NULLS_FIRST/LAST(column or DESC(column)): PostgreSQL's defaults, DESC means NULLS FIRST. */
  private static IndexSpec.Column column(SqlNode e) {
    Boolean nullsFirst = null;
    if (e.getKind() == SqlKind.NULLS_FIRST || e.getKind() == SqlKind.NULLS_LAST) {
      nullsFirst = e.getKind() == SqlKind.NULLS_FIRST;
      e = ((SqlCall) e).operand(0);
    }
    boolean desc = e.getKind() == SqlKind.DESCENDING;
    if (desc) e = ((SqlCall) e).operand(0);
    String name = Identifiers.truncate(((SqlIdentifier) e).getSimple());
    return new IndexSpec.Column(name, desc, nullsFirst != null ? nullsFirst : desc);
  }
}
