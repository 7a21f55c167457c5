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
 * CREATE [OR REPLACE] VIEW name [(column, ...)] AS query, as parsed.
 *
 * @see #queryLine the query's first token in the parsed text, from which the view's definition text is cut
 */
public final class PgCreateView extends SqlCreate {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);

  private final SqlIdentifier name;
  private final SqlNodeList columns;
  private final SqlNode query;
  private final int queryLine;
  private final int queryColumn;

  public PgCreateView(SqlParserPos pos, boolean replace, SqlIdentifier name, SqlNodeList columns, SqlNode query,
      int queryLine, int queryColumn) {
    super(OPERATOR, pos, replace, false);
    this.name = name;
    this.columns = columns;
    this.query = query;
    this.queryLine = queryLine;
    this.queryColumn = queryColumn;
  }

  public SqlIdentifier name() { return name; }

  /** The column names given after the view's name, empty when none were. */
  public List<SqlIdentifier> columns() {
    List<SqlIdentifier> list = new ArrayList<>();
    if (columns != null) {
      for (SqlNode n : columns) list.add((SqlIdentifier) n);
    }
    return list;
  }

  public SqlNode query() { return query; }

  public int queryLine() { return queryLine; }

  public int queryColumn() { return queryColumn; }

  @Override
  public List<SqlNode> getOperandList() { return columns == null ? List.of(name, query) : List.of(name, columns, query); }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(getReplace() ? "CREATE OR REPLACE VIEW" : "CREATE VIEW");
    name.unparse(writer, 0, 0);
    if (columns != null) columns.unparse(writer, 1, 1); // parenthesized
    writer.keyword("AS");
    query.unparse(writer, 0, 0);
  }
}
