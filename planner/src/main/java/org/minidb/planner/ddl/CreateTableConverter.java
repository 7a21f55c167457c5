package org.minidb.planner.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.planner.CreateTableStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.parse.PgColumnDeclaration;
import org.minidb.planner.parse.PgConstraint;
import org.minidb.planner.parse.PgCreateTable;
import org.minidb.planner.parse.SourceMap;
import org.minidb.storage.catalog.CheckConstraint;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexSpec;

/**
 * Turns a parsed CREATE TABLE into a {@link CreateTableStatement}, with PostgreSQL's checks and names:
 * types resolved, a column declared once, NULL/NOT NULL and DEFAULT not contradicted, CHECK constraints
 * named as ChooseConstraintName names them, storage parameters checked.
 *
 * <p>DEFAULT and CHECK expressions are passed on as text, not checked against the columns: that needs the
 * validator, which the planner runs on them afterwards. PRIMARY KEY and UNIQUE become index specifications
 * (the catalog makes primary key columns NOT NULL); FOREIGN KEY is refused.
 */
public final class CreateTableConverter {
  private CreateTableConverter() {}

  public static CreateTableStatement convert(PgCreateTable create, SourceMap source) {
    QualifiedName table = Identifiers.qualifiedName(create.name(), source);
    StorageParameters.check(create.parameters(), source);

    Set<String> columnNames = new LinkedHashSet<>();
    for (PgColumnDeclaration column : create.columns()) {
      String name = Identifiers.truncate(column.name().getSimple());
      if (!columnNames.add(name)) {
        throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
      }
    }

    List<ColumnDef> columns = new ArrayList<>();
    // CHECK constraints in source order, column ones where their column stands: names are chosen in it.
    List<PgConstraint> checks = new ArrayList<>();
    // PRIMARY KEY and UNIQUE with their columns, in source order.
    List<PgConstraint> keys = new ArrayList<>();
    List<List<String>> keyColumns = new ArrayList<>();
    for (SqlNode element : create.elements()) {
      if (element instanceof PgColumnDeclaration column) {
        columns.add(column(column, columns.size() + 1, table.name(), checks, source));
        for (PgConstraint c : column.constraints()) {
          if (c.kind() == PgConstraint.Kind.PRIMARY_KEY || c.kind() == PgConstraint.Kind.UNIQUE) {
            keys.add(c);
            keyColumns.add(List.of(columns.getLast().name()));
          }
        }
      } else {
        PgConstraint constraint = (PgConstraint) element;
        switch (constraint.kind()) {
          case CHECK -> checks.add(constraint);
          case PRIMARY_KEY, UNIQUE -> {
            keys.add(constraint);
            List<String> names = new ArrayList<>();
            for (SqlNode n : constraint.columns()) names.add(Identifiers.truncate(((SqlIdentifier) n).getSimple()));
            keyColumns.add(List.copyOf(names));
          }
          default -> throw unsupported(constraint, source);
        }
      }
    }
    List<CheckConstraint> namedChecks = nameChecks(table.name(), checks, columnNames);
    return new CreateTableStatement(table.schema(), table.name(), create.ifNotExists, List.copyOf(columns),
        namedChecks, indexes(table.name(), keys, keyColumns, namedChecks));
  }

  /**
   * The indexes of PRIMARY KEY and UNIQUE constraints, named as PostgreSQL names them ({@code t_pkey},
   * {@code t_a_key}, {@code t_a_key1} when taken by a constraint of this statement). A second PRIMARY KEY is 42P16.
   */
  private static List<IndexSpec> indexes(String table, List<PgConstraint> keys, List<List<String>> keyColumns,
      List<CheckConstraint> checks) {
    Set<String> used = new HashSet<>();
    for (CheckConstraint c : checks) used.add(c.name());
    List<IndexSpec> specs = new ArrayList<>();
    boolean primary = false;
    for (int i = 0; i < keys.size(); i++) {
      PgConstraint key = keys.get(i);
      boolean isPrimary = key.kind() == PgConstraint.Kind.PRIMARY_KEY;
      if (isPrimary && primary) {
        throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
            "multiple primary keys for table \"" + table + "\" are not allowed");
      }
      primary |= isPrimary;
      String name = key.name() != null ? Identifiers.truncate(key.name().getSimple())
          : IndexNames.choose(table, keyColumns.get(i),
              isPrimary ? IndexNames.Kind.PRIMARY_KEY : IndexNames.Kind.UNIQUE_CONSTRAINT, used::contains);
      if (!used.add(name)) {
        throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
      }
      List<IndexSpec.Column> columns = new ArrayList<>();
      for (String c : keyColumns.get(i)) columns.add(new IndexSpec.Column(c, false, false));
      specs.add(new IndexSpec(name, List.copyOf(columns), true, isPrimary ? 'p' : 'u'));
    }
    return List.copyOf(specs);
  }

  private static ColumnDef column(PgColumnDeclaration column, int attnum, String table,
      List<PgConstraint> checks, SourceMap source) {
    String name = Identifiers.truncate(column.name().getSimple());
    DataType type = PgTypeResolver.resolve(column.type(), source);
    boolean notNull = false;
    boolean nullable = false;
    String defaultExpr = null;
    for (PgConstraint c : column.constraints()) {
      switch (c.kind()) {
        case NOT_NULL, NULL -> {
          boolean isNotNull = c.kind() == PgConstraint.Kind.NOT_NULL;
          if (isNotNull ? nullable : notNull) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL declarations for column \""
                + name + "\" of table \"" + table + "\"").withPosition(source.position(c.getParserPosition()));
          }
          notNull |= isNotNull;
          nullable |= !isNotNull;
        }
        case DEFAULT -> {
          if (defaultExpr != null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "multiple default values specified for column \""
                + name + "\" of table \"" + table + "\"").withPosition(source.position(c.getParserPosition()));
          }
          defaultExpr = c.expressionText();
        }
        case CHECK -> checks.add(c);
        case PRIMARY_KEY, UNIQUE -> { } // collected by the caller
        default -> throw unsupported(c, source);
      }
    }
    return new ColumnDef(name, attnum, type, notNull, defaultExpr);
  }

  /**
   * Names the CHECK constraints in order: an explicit name must be new, an unnamed constraint gets
   * {@code table_column_check} when its expression uses exactly one column of the table, else
   * {@code table_check} (PostgreSQL decides by the columns used, not by where the constraint was written).
   */
  private static List<CheckConstraint> nameChecks(String table, List<PgConstraint> checks,
      Set<String> columnNames) {
    Set<String> used = new HashSet<>();
    List<CheckConstraint> named = new ArrayList<>();
    for (PgConstraint check : checks) {
      String name;
      if (check.name() != null) {
        name = Identifiers.truncate(check.name().getSimple());
        if (used.contains(name)) {
          throw DbException.of(SqlState.DUPLICATE_OBJECT, "check constraint \"" + name + "\" already exists");
        }
      } else {
        Set<String> referenced = ColumnReferences.of(check.expression(), columnNames);
        String column = referenced.size() == 1 ? referenced.iterator().next() : null;
        name = ConstraintNames.choose(table, column, "check", used);
      }
      used.add(name);
      named.add(new CheckConstraint(name, check.expressionText()));
    }
    return List.copyOf(named);
  }

  private static DbException unsupported(PgConstraint c, SourceMap source) {
    String what = switch (c.kind()) {
      case PRIMARY_KEY -> "PRIMARY KEY";
      case UNIQUE -> "UNIQUE";
      case FOREIGN_KEY -> "FOREIGN KEY";
      default -> c.kind().name();
    };
    return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, what + " constraints are not supported yet")
        .withPosition(source.position(c.getParserPosition()));
  }
}
