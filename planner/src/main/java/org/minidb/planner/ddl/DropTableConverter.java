package org.minidb.planner.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.minidb.planner.DropTableStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.parse.PgDropTable;
import org.minidb.planner.parse.SourceMap;

/** Turns a parsed DROP TABLE into a {@link DropTableStatement}; whether the tables exist is the session's. */
public final class DropTableConverter {
  private DropTableConverter() {}

  public static DropTableStatement convert(PgDropTable drop, SourceMap source) {
    List<QualifiedName> tables = new ArrayList<>();
    for (SqlIdentifier name : drop.names()) {
      tables.add(Identifiers.qualifiedName(name, source));
    }
    return new DropTableStatement(List.copyOf(tables), drop.ifExists, drop.cascade());
  }
}
