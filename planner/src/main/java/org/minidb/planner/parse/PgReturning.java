package org.minidb.planner.parse;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code INSERT/UPDATE/DELETE ... RETURNING items}: the DML statement as Calcite parses it, plus PostgreSQL's
 * RETURNING select list. Statements without RETURNING are left as plain {@code SqlInsert} etc.
 */
public final class PgReturning extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("RETURNING", SqlKind.OTHER) {
    @Override
    public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
      return new PgReturning(pos, operands[0], (SqlNodeList) operands[1]);
    }
  };

  private final SqlNode dml;
  private final SqlNodeList returning;

  public PgReturning(SqlParserPos pos, SqlNode dml, SqlNodeList returning) {
    super(pos);
    this.dml = dml;
    this.returning = returning;
  }

  /** The SqlInsert, SqlUpdate or SqlDelete. */
  public SqlNode dml() { return dml; }

  /** The RETURNING items, as select items (expressions, aliases, {@code *}). */
  public SqlNodeList returning() { return returning; }

  @Override
  public SqlOperator getOperator() { return OPERATOR; }

  @Override
  public List<SqlNode> getOperandList() { return List.of(dml, returning); }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    dml.unparse(writer, 0, 0);
    writer.keyword("RETURNING");
    returning.unparse(writer, 0, 0);
  }
}
