package org.minidb.planner.parse;

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
 * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (element [ASC | DESC] [NULLS FIRST | LAST],
 * ...) [INCLUDE (column, ...)] [WHERE predicate], as parsed. Each element is a column identifier or an expression,
 * possibly wrapped in Calcite's DESC and then NULLS_FIRST / NULLS_LAST calls (as ORDER BY items are); its text as
 * written is kept beside it (the catalog stores expressions as text).
 */
public final class PgCreateIndex extends SqlCreate {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

  private final boolean unique;
  private final SqlIdentifier name;
  private final SqlIdentifier table;
  private final SqlIdentifier method;
  private final SqlNodeList elements;
  private final List<String> texts;
  private final SqlNodeList include;
  private final SqlNode predicate;
  private final String predicateText;

  public PgCreateIndex(SqlParserPos pos, boolean replace, boolean unique, boolean ifNotExists, SqlIdentifier name,
      SqlIdentifier table, SqlIdentifier method, SqlNodeList elements, List<String> texts, SqlNodeList include,
      SqlNode predicate, String predicateText) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.unique = unique;
    this.name = name;
    this.table = table;
    this.method = method;
    this.elements = elements;
    this.texts = List.copyOf(texts);
    this.include = include;
    this.predicate = predicate;
    this.predicateText = predicateText;
  }

  /** The text of each element as written (without ASC/DESC/NULLS). */
  public List<String> texts() { return texts; }

  /** The INCLUDE elements (empty without INCLUDE). */
  public SqlNodeList include() { return include; }

  /** The WHERE of a partial index, or null. */
  public SqlNode predicate() { return predicate; }

  /** The WHERE's text as written, or null. */
  public String predicateText() { return predicateText; }

  public boolean unique() { return unique; }

  /** The index name, or null when PostgreSQL is to choose one. */
  public SqlIdentifier name() { return name; }

  public SqlIdentifier table() { return table; }

  /** The access method of USING, or null. */
  public SqlIdentifier method() { return method; }

  public SqlNodeList elements() { return elements; }

  @Override
  public List<SqlNode> getOperandList() { return List.of(table, elements); }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX");
    if (ifNotExists) writer.keyword("IF NOT EXISTS");
    if (name != null) name.unparse(writer, 0, 0);
    writer.keyword("ON");
    table.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode e : elements) {
      writer.sep(",");
      e.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
