package org.minidb.planner.parse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** One {@code name [= value]} of CREATE TABLE ... WITH (...); the value is a literal, a word, or absent. */
public final class PgStorageParameter extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("STORAGE_PARAMETER", SqlKind.OTHER);

  private final SqlIdentifier name;
  private final SqlNode value;

  public PgStorageParameter(SqlParserPos pos, SqlIdentifier name, SqlNode value) {
    super(pos);
    this.name = name;
    this.value = value;
  }

  public SqlIdentifier name() { return name; }

  /** A SqlLiteral, a SqlIdentifier, or null when only the name was given. */
  public SqlNode value() { return value; }

  @Override
  public SqlOperator getOperator() { return OPERATOR; }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(name);
    operands.add(value);
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    if (value != null) {
      writer.sep("=");
      value.unparse(writer, 0, 0);
    }
  }
}
