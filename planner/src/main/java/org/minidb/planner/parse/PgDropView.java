package org.minidb.planner.parse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** DROP VIEW [IF EXISTS] name [, ...] [CASCADE | RESTRICT], as parsed. */
public final class PgDropView extends SqlDrop {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP VIEW", SqlKind.DROP_VIEW);

  private final SqlNodeList names;
  private final boolean cascade;

  public PgDropView(SqlParserPos pos, boolean ifExists, SqlNodeList names, boolean cascade) {
    super(OPERATOR, pos, ifExists);
    this.names = names;
    this.cascade = cascade;
  }

  public List<SqlIdentifier> names() {
    List<SqlIdentifier> list = new ArrayList<>();
    for (SqlNode n : names) {
      list.add((SqlIdentifier) n);
    }
    return list;
  }

  public boolean cascade() { return cascade; }

  @Override
  public List<SqlNode> getOperandList() { return List.of(names); }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP VIEW");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    SqlWriter.Frame frame = writer.startList("", "");
    for (SqlNode n : names) {
      writer.sep(",");
      n.unparse(writer, 0, 0);
    }
    writer.endList(frame);
    writer.keyword(cascade ? "CASCADE" : "RESTRICT");
  }
}
