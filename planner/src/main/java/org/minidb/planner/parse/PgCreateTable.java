package org.minidb.planner.parse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * CREATE TABLE as parsed: the elements in source order (each a {@link PgColumnDeclaration} or a table-level
 * {@link PgConstraint}) and the WITH (...) storage parameters. Meaning (types, names, checks) is given by
 * {@code org.minidb.planner.ddl.CreateTableConverter}.
 */
public final class PgCreateTable extends SqlCreate {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlParserPos tablePos;
  private final SqlIdentifier name;
  private final SqlNodeList elements;
  private final SqlNodeList parameters;

  public PgCreateTable(SqlParserPos pos, boolean replace, SqlParserPos tablePos, boolean ifNotExists,
      SqlIdentifier name, SqlNodeList elements, SqlNodeList parameters) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.tablePos = tablePos;
    this.name = name;
    this.elements = elements;
    this.parameters = parameters;
  }

  /** Where the TABLE keyword is: PostgreSQL has no CREATE OR REPLACE TABLE and reports the error there. */
  public SqlParserPos tablePos() { return tablePos; }

  public SqlIdentifier name() { return name; }

  /** Columns and table constraints, in source order. */
  public SqlNodeList elements() { return elements; }

  /** The {@link PgStorageParameter}s of WITH (...), empty when absent. */
  public SqlNodeList parameters() { return parameters; }

  public List<PgColumnDeclaration> columns() {
    List<PgColumnDeclaration> columns = new ArrayList<>();
    for (SqlNode e : elements) {
      if (e instanceof PgColumnDeclaration c) {
        columns.add(c);
      }
    }
    return columns;
  }

  @Override
  public List<SqlNode> getOperandList() { return List.of(name, elements, parameters); }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode e : elements) {
      writer.sep(",");
      e.unparse(writer, 0, 0);
    }
    writer.endList(frame);
    if (!parameters.isEmpty()) {
      writer.keyword("WITH");
      SqlWriter.Frame with = writer.startList("(", ")");
      for (SqlNode o : parameters) {
        writer.sep(",");
        o.unparse(writer, 0, 0);
      }
      writer.endList(with);
    }
  }
}
