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

/** DROP TABLE | VIEW | INDEX [IF EXISTS] name [, ...] [CASCADE | RESTRICT], as parsed. */
public final class PgDropRelation extends SqlDrop {
  public static final SqlOperator DROP_TABLE = new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE);
  public static final SqlOperator DROP_VIEW = new SqlSpecialOperator("DROP VIEW", SqlKind.DROP_VIEW);
  public static final SqlOperator DROP_INDEX = new SqlSpecialOperator("DROP INDEX", SqlKind.DROP_INDEX);

  private final SqlNodeList names;
  private final boolean cascade;

  public PgDropRelation(SqlParserPos pos, boolean view, boolean index, boolean ifExists, SqlNodeList names,
      boolean cascade) {
    super(view ? DROP_VIEW : index ? DROP_INDEX : DROP_TABLE, pos, ifExists);
    this.names = names;
    this.cascade = cascade;
  }

  /** DROP VIEW rather than DROP TABLE. */
  public boolean isView() { return getOperator() == DROP_VIEW; }

  /** DROP INDEX. */
  public boolean isIndex() { return getOperator() == DROP_INDEX; }

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
    writer.keyword(getOperator().getName());
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    names.unparse(writer, 0, 0);
    writer.keyword(cascade ? "CASCADE" : "RESTRICT");
  }
}
