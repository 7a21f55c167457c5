package org.minidb.planner.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.minidb.planner.DropTableStatement;
import org.minidb.planner.DropViewStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.parse.PgDropTable;
import org.minidb.planner.parse.PgDropView;
import org.minidb.planner.parse.SourceMap;

/**
 * Turns a parsed DROP TABLE or DROP VIEW into its statement; whether the relations exist (and are of the
 * kind named) is the session's.
 */
public final class DropTableConverter {
  private DropTableConverter() {}

  public static DropTableStatement convert(PgDropTable drop, SourceMap source) {
    List<QualifiedName> tables = new ArrayList<>();
    for (SqlIdentifier name : drop.names()) {
      tables.add(Identifiers.qualifiedName(name, source));
    }
    return new DropTableStatement(List.copyOf(tables), drop.ifExists, drop.cascade());
  }

  public static DropViewStatement convert(PgDropView drop, SourceMap source) {
    List<QualifiedName> views = new ArrayList<>();
    for (SqlIdentifier name : drop.names()) {
      views.add(Identifiers.qualifiedName(name, source));
    }
    return new DropViewStatement(List.copyOf(views), drop.ifExists, drop.cascade());
  }
}
