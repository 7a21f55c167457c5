package org.minidb.planner.parse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** One column of CREATE TABLE: {@code name type [constraint ...]}, the constraints in source order. */
public final class PgColumnDeclaration extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec type;
  private final SqlNodeList constraints;

  public PgColumnDeclaration(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type,
      SqlNodeList constraints) {
    super(pos);
    this.name = name;
    this.type = type;
    this.constraints = constraints;
  }

  public SqlIdentifier name() { return name; }

  public SqlDataTypeSpec type() { return type; }

  public List<PgConstraint> constraints() {
    List<PgConstraint> list = new ArrayList<>();
    for (SqlNode c : constraints) {
      list.add((PgConstraint) c);
    }
    return list;
  }

  @Override
  public SqlOperator getOperator() { return OPERATOR; }

  @Override
  public List<SqlNode> getOperandList() { return List.of(name, type, constraints); }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    type.unparse(writer, 0, 0);
    for (SqlNode c : constraints) {
      c.unparse(writer, 0, 0);
    }
  }
}
