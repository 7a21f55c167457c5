package org.minidb.planner.parse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A column constraint ({@code a int NOT NULL DEFAULT 0 CHECK (a > 0)}) or a table constraint
 * ({@code CONSTRAINT c CHECK (a < b)}, {@code PRIMARY KEY (a)}), as parsed. DEFAULT counts as a column
 * constraint, as in PostgreSQL's grammar.
 *
 * <p>For DEFAULT and CHECK the expression is kept twice: as a tree and as the text the user wrote (from the
 * statement as the parser saw it, after {@link PgLexicalFront}'s rewriting, so it re-parses with {@link PgParser}).
 */
public final class PgConstraint extends SqlCall {
  public enum Kind { NOT_NULL, NULL, DEFAULT, CHECK, PRIMARY_KEY, UNIQUE, FOREIGN_KEY }

  private final Kind kind;
  private final SqlIdentifier name;
  private final SqlNode expression;
  private final String expressionText;
  private final boolean columnConstraint;
  private final SqlNodeList columns;
  private final SqlIdentifier referencedTable;
  private final SqlNodeList referencedColumns;

  private PgConstraint(SqlParserPos pos, Kind kind, SqlIdentifier name, SqlNode expression,
      String expressionText, boolean columnConstraint, SqlNodeList columns, SqlIdentifier referencedTable,
      SqlNodeList referencedColumns) {
    super(pos);
    this.kind = kind;
    this.name = name;
    this.expression = expression;
    this.expressionText = expressionText;
    this.columnConstraint = columnConstraint;
    this.columns = columns;
    this.referencedTable = referencedTable;
    this.referencedColumns = referencedColumns;
  }

  public static PgConstraint notNull(SqlParserPos pos, SqlIdentifier name) {
    return new PgConstraint(pos, Kind.NOT_NULL, name, null, null, true, null, null, null);
  }

  public static PgConstraint nullable(SqlParserPos pos, SqlIdentifier name) {
    return new PgConstraint(pos, Kind.NULL, name, null, null, true, null, null, null);
  }

  public static PgConstraint defaultValue(SqlParserPos pos, SqlIdentifier name, SqlNode e, String text) {
    return new PgConstraint(pos, Kind.DEFAULT, name, e, text, true, null, null, null);
  }

  public static PgConstraint check(SqlParserPos pos, SqlIdentifier name, SqlNode e, String text,
      boolean columnConstraint) {
    return new PgConstraint(pos, Kind.CHECK, name, e, text, columnConstraint, null, null, null);
  }

  /** {@code columns} is null for the column form. */
  public static PgConstraint primaryKey(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns) {
    return new PgConstraint(pos, Kind.PRIMARY_KEY, name, null, null, columns == null, columns, null, null);
  }

  /** {@code columns} is null for the column form. */
  public static PgConstraint unique(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns) {
    return new PgConstraint(pos, Kind.UNIQUE, name, null, null, columns == null, columns, null, null);
  }

  /** {@code columns} is null for the column form ({@code REFERENCES t}). */
  public static PgConstraint foreignKey(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns,
      SqlIdentifier referencedTable, SqlNodeList referencedColumns) {
    return new PgConstraint(pos, Kind.FOREIGN_KEY, name, null, null, columns == null, columns,
        referencedTable, referencedColumns);
  }

  public Kind kind() { return kind; }

  /** The name given with CONSTRAINT name, or null. */
  public SqlIdentifier name() { return name; }

  /** The DEFAULT or CHECK expression, else null. */
  public SqlNode expression() { return expression; }

  /** The DEFAULT or CHECK expression as written (without CHECK's parentheses), else null. */
  public String expressionText() { return expressionText; }

  /** True when written in a column definition, false for a table constraint. */
  public boolean isColumnConstraint() { return columnConstraint; }

  /** The columns of a table-level PRIMARY KEY / UNIQUE / FOREIGN KEY, else null. */
  public SqlNodeList columns() { return columns; }

  public SqlIdentifier referencedTable() { return referencedTable; }

  public SqlNodeList referencedColumns() { return referencedColumns; }

  private static final Map<Kind, SqlOperator> OPERATORS = new EnumMap<>(Kind.class);

  static {
    for (Kind k : Kind.values()) {
      OPERATORS.put(k, new SqlSpecialOperator(k.name(), SqlKind.OTHER));
    }
  }

  @Override
  public SqlOperator getOperator() { return OPERATORS.get(kind); }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(name);
    operands.add(expression);
    operands.add(columns);
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (name != null) {
      writer.keyword("CONSTRAINT");
      name.unparse(writer, 0, 0);
    }
    switch (kind) {
      case NOT_NULL -> writer.keyword("NOT NULL");
      case NULL -> writer.keyword("NULL");
      case DEFAULT -> {
        writer.keyword("DEFAULT");
        expression.unparse(writer, 0, 0);
      }
      case CHECK -> {
        writer.keyword("CHECK");
        SqlWriter.Frame frame = writer.startList("(", ")");
        expression.unparse(writer, 0, 0);
        writer.endList(frame);
      }
      case PRIMARY_KEY -> writer.keyword("PRIMARY KEY");
      case UNIQUE -> writer.keyword("UNIQUE");
      case FOREIGN_KEY -> {
        if (columns != null) {
          writer.keyword("FOREIGN KEY");
        }
        writer.keyword("REFERENCES");
        referencedTable.unparse(writer, 0, 0);
      }
    }
    if (columns != null) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (SqlNode c : columns) {
        writer.sep(",");
        c.unparse(writer, 0, 0);
      }
      writer.endList(frame);
    }
  }
}
