package org.minidb.planner.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.minidb.planner.DropIndexStatement;
import org.minidb.planner.DropTableStatement;
import org.minidb.planner.DropViewStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.Statement;
import org.minidb.planner.parse.PgDropRelation;
import org.minidb.planner.parse.SourceMap;

/**
 * Turns a parsed DROP TABLE or DROP VIEW into its statement; whether the relations exist (and are of the
 * kind named) is the session's.
 */
public final class DropTableConverter {
  private DropTableConverter() {}

  public static Statement convert(PgDropRelation drop, SourceMap source) {
    List<QualifiedName> names = new ArrayList<>();
    for (SqlIdentifier name : drop.names()) {
      names.add(Identifiers.qualifiedName(name, source));
    }
    if (drop.isIndex()) return new DropIndexStatement(List.copyOf(names), drop.ifExists, drop.cascade());
    return drop.isView() ? new DropViewStatement(List.copyOf(names), drop.ifExists, drop.cascade())
        : new DropTableStatement(List.copyOf(names), drop.ifExists, drop.cascade());
  }
}
