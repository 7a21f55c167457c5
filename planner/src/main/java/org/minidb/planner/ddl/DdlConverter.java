package org.minidb.planner.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.Statement;
import org.minidb.planner.parse.ParsedStatement;
import org.minidb.planner.parse.PgAlterTable;
import org.minidb.planner.parse.PgCreateIndex;
import org.minidb.planner.parse.PgCreateTable;
import org.minidb.planner.parse.PgDropRelation;
import org.minidb.planner.parse.SourceMap;

/**
 * The DDL statements the parser knows, turned into the planner's {@link Statement}s. Independent of the
 * validator: it needs no catalog, and leaves DEFAULT and CHECK expressions as text for the planner to
 * validate against the new table's columns.
 */
public final class DdlConverter {
  private DdlConverter() {}

  /** True for the statements {@link #convert} handles. */
  public static boolean isDdl(SqlNode node) {
    return node instanceof PgCreateTable || node instanceof PgDropRelation || node instanceof PgCreateIndex
        || node instanceof PgAlterTable;
  }

  /** An object name of a DDL statement: at most schema.name, each cut to 63 bytes as PostgreSQL does. */
  public static QualifiedName name(SqlIdentifier name, SourceMap source) {
    return Identifiers.qualifiedName(name, source);
  }

  public static Statement convert(ParsedStatement parsed) {
    return switch (parsed.node()) {
      case PgCreateTable create -> CreateTableConverter.convert(create, parsed.source());
      case PgDropRelation drop -> DropTableConverter.convert(drop, parsed.source());
      case PgCreateIndex create -> CreateIndexConverter.convert(create, parsed.source());
      case PgAlterTable alter -> AlterTableConverter.convert(alter, parsed.source());
      default -> throw new IllegalArgumentException("not a DDL statement: " + parsed.node().getKind());
    };
  }
}
