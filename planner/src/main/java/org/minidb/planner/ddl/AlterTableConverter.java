package org.minidb.planner.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.AlterTableStatement;
import org.minidb.planner.parse.PgAlterTable;
import org.minidb.planner.parse.PgConstraint;
import org.minidb.planner.parse.SourceMap;

/** Turns a parsed ALTER TABLE into its statement: ADD PRIMARY KEY / UNIQUE and DROP CONSTRAINT. */
public final class AlterTableConverter {
  private AlterTableConverter() {}

  public static AlterTableStatement convert(PgAlterTable alter, SourceMap source) {
    List<AlterTableStatement.Action> actions = new ArrayList<>();
    for (Object action : alter.actions()) {
      switch (action) {
        case PgConstraint c when c.kind() == PgConstraint.Kind.PRIMARY_KEY || c.kind() == PgConstraint.Kind.UNIQUE -> {
          List<String> columns = new ArrayList<>();
          for (SqlNode n : c.columns()) columns.add(Identifiers.truncate(((SqlIdentifier) n).getSimple()));
          String name = c.name() == null ? null : Identifiers.truncate(c.name().getSimple());
          actions.add(new AlterTableStatement.AddKey(name, c.kind() == PgConstraint.Kind.PRIMARY_KEY,
              List.copyOf(columns)));
        }
        case PgConstraint c -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
            "ALTER TABLE ... ADD " + (c.kind() == PgConstraint.Kind.CHECK ? "CHECK" : "FOREIGN KEY")
                + " is not supported yet").withPosition(source.position(c.getParserPosition()));
        case PgAlterTable.DropConstraint d -> actions.add(new AlterTableStatement.DropConstraint(
            Identifiers.truncate(d.name().getSimple()), d.ifExists(), d.cascade()));
        default -> throw new IllegalArgumentException("unknown ALTER TABLE action " + action);
      }
    }
    return new AlterTableStatement(Identifiers.qualifiedName(alter.table(), source), alter.ifExists(),
        List.copyOf(actions));
  }
}
