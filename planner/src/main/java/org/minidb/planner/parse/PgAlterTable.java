package org.minidb.planner.parse;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * ALTER TABLE [IF EXISTS] [ONLY] name action [, ...], as parsed. The actions MiniDB knows: {@code ADD
 * table_constraint} (a {@link PgConstraint}) and {@code DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE]}
 * (a {@link DropConstraint}). ONLY is accepted and means nothing: there is no inheritance.
 */
public final class PgAlterTable extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

  /** DROP CONSTRAINT [IF EXISTS] name [CASCADE]. */
  public record DropConstraint(SqlIdentifier name, boolean ifExists, boolean cascade) {}

  private final boolean ifExists;
  private final SqlIdentifier table;
  private final List<Object> actions;

  /** @param actions each a {@link PgConstraint} (ADD) or a {@link DropConstraint} */
  public PgAlterTable(SqlParserPos pos, boolean ifExists, SqlIdentifier table, List<Object> actions) {
    super(pos);
    this.ifExists = ifExists;
    this.table = table;
    this.actions = List.copyOf(actions);
  }

  public boolean ifExists() { return ifExists; }

  public SqlIdentifier table() { return table; }

  public List<Object> actions() { return actions; }

  @Override
  public SqlOperator getOperator() { return OPERATOR; }

  @Override
  public List<SqlNode> getOperandList() { return List.of(table); }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    if (ifExists) writer.keyword("IF EXISTS");
    table.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("", "");
    for (Object action : actions) {
      writer.sep(",");
      if (action instanceof PgConstraint c) {
        writer.keyword("ADD");
        c.unparse(writer, 0, 0);
      } else if (action instanceof DropConstraint d) {
        writer.keyword("DROP CONSTRAINT");
        if (d.ifExists()) writer.keyword("IF EXISTS");
        d.name().unparse(writer, 0, 0);
        if (d.cascade()) writer.keyword("CASCADE");
      }
    }
    writer.endList(frame);
  }
}
