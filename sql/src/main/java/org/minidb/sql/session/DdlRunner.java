package org.minidb.sql.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.CreateIndexStatement;
import org.minidb.planner.CreateTableStatement;
import org.minidb.planner.DropIndexStatement;
import org.minidb.planner.CreateViewStatement;
import org.minidb.planner.DropTableStatement;
import org.minidb.planner.DropViewStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.ddl.IndexNames;
import org.minidb.sql.Notice;
import org.minidb.storage.catalog.Catalog;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.IndexSpec;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.catalog.ViewDef;
import org.minidb.storage.tx.Transaction;

/** Carries out validated DDL against the catalog, inside the statement's transaction. */
final class DdlRunner {
  private DdlRunner() {}

  /** CREATE TABLE; returns the command tag. */
  static String createTable(Catalog catalog, Transaction tx, CreateTableStatement create, Consumer<Notice> notices) {
    String schema = create.schema() == null ? "public" : create.schema();
    if (create.ifNotExists() && (catalog.table(tx, schema, create.name()).isPresent()
        || catalog.view(tx, schema, create.name()).isPresent())) {
      notices.accept(new Notice("NOTICE", SqlState.DUPLICATE_TABLE,
          "relation \"" + create.name() + "\" already exists, skipping"));
      return "CREATE TABLE";
    }
    catalog.createTable(tx, schema, create.name(), create.columns(), create.checks(), create.indexes());
    return "CREATE TABLE";
  }

  /**
   * CREATE [UNIQUE] INDEX: the table must exist (a view is 42809); an unnamed index gets PostgreSQL's name; IF NOT
   * EXISTS turns an existing relation of that name into a NOTICE.
   */
  static String createIndex(TransactionCatalogView view, Transaction tx, CreateIndexStatement create,
      org.minidb.planner.Planner planner, Consumer<Notice> notices) {
    QualifiedName name = create.table();
    Optional<TableDef> table = view.table(name.schema(), name.name());
    if (table.isEmpty()) {
      if (view.view(name.schema(), name.name()).isPresent()) {
        throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "cannot create index on relation \"" + name.name() + "\"")
            .withDetail("This operation is not supported for views.");
      }
      throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + name.name() + "\" does not exist");
    }
    TableDef t = table.get();
    if (t.schemaName().equals("pg_catalog")) {
      throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + t.name() + "\" is a system catalog");
    }
    Catalog catalog = view.catalog();
    List<IndexSpec.Column> columns = typedColumns(t, create, planner);
    String indexName = create.name() != null ? create.name()
        : IndexNames.choose(t.name(), java.util.stream.Stream.concat(
            create.columns().stream().map(IndexSpec.Column::name), create.include().stream()).toList(),
            IndexNames.Kind.INDEX, n -> relationExists(catalog, tx, t.schemaName(), n));
    if (create.ifNotExists() && relationExists(catalog, tx, t.schemaName(), indexName)) {
      notices.accept(new Notice("NOTICE", SqlState.DUPLICATE_TABLE,
          "relation \"" + indexName + "\" already exists, skipping"));
      return "CREATE INDEX";
    }
    catalog.createIndex(tx, t, new IndexSpec(indexName, columns, create.unique(), (char) 0, create.include(),
        create.predicate()));
    return "CREATE INDEX";
  }

  /**
   * The index's columns with each expression checked against the table and typed by the planner (42703, 42P17,
   * ...), in PostgreSQL's order: key elements left to right, then the predicate.
   */
  private static List<IndexSpec.Column> typedColumns(TableDef t, CreateIndexStatement create,
      org.minidb.planner.Planner planner) {
    List<IndexSpec.Column> columns = new ArrayList<>();
    for (IndexSpec.Column c : create.columns()) {
      if (!c.isExpression()) {
        if (t.columns().stream().noneMatch(d -> d.name().equals(c.name()))) {
          throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"" + c.name() + "\" does not exist");
        }
        columns.add(c);
        continue;
      }
      columns.add(new IndexSpec.Column(c.name(), c.descending(), c.nullsFirst(), c.expression(),
          planner.checkIndexExpression(t, c.expression(), false)));
    }
    for (String name : create.include()) {
      if (t.columns().stream().noneMatch(d -> d.name().equals(name))) {
        throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
      }
    }
    if (create.predicate() != null) planner.checkIndexExpression(t, create.predicate(), true);
    return List.copyOf(columns);
  }

  static boolean relationExists(Catalog catalog, Transaction tx, String schema, String name) {
    return catalog.table(tx, schema, name).isPresent() || catalog.view(tx, schema, name).isPresent()
        || catalog.index(tx, schema, name).isPresent();
  }

  /** DROP INDEX [IF EXISTS] a, b: each must be an index (a table or view is 42809 with PostgreSQL's hint). */
  static String dropIndexes(TransactionCatalogView view, Transaction tx, DropIndexStatement drop,
      Consumer<Notice> notices) {
    Catalog catalog = view.catalog();
    List<IndexDef> indexes = new ArrayList<>();
    for (QualifiedName name : drop.indexes()) {
      String schema = name.schema() != null ? name.schema() : "public";
      Optional<IndexDef> index = catalog.index(tx, schema, name.name());
      if (index.isPresent()) {
        indexes.add(index.get());
      } else if (view.table(name.schema(), name.name()).isPresent() || view.view(name.schema(), name.name()).isPresent()) {
        boolean isTable = view.table(name.schema(), name.name()).isPresent();
        throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"" + name.name() + "\" is not an index")
            .withHint("Use DROP " + (isTable ? "TABLE" : "VIEW") + " to remove a " + (isTable ? "table" : "view") + ".");
      } else if (!drop.ifExists()) {
        throw DbException.of(SqlState.UNDEFINED_OBJECT, "index \"" + name.name() + "\" does not exist");
      } else {
        notices.accept(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION,
            "index \"" + name.name() + "\" does not exist, skipping"));
      }
    }
    for (IndexDef index : indexes) catalog.dropIndex(tx, index);
    return "DROP INDEX";
  }

  /** CREATE [OR REPLACE] VIEW; returns the command tag. */
  static String createView(Catalog catalog, Transaction tx, CreateViewStatement create) {
    String schema = create.schema() == null ? "public" : create.schema();
    catalog.createView(tx, schema, create.name(), create.columns(), create.definition(), create.references(),
        create.orReplace());
    return "CREATE VIEW";
  }

  static String dropTables(TransactionCatalogView view, Transaction tx, DropTableStatement drop,
      Consumer<Notice> notices) {
    dropRelations(view, tx, drop.tables(), drop.ifExists(), drop.cascade(), false, notices);
    return "DROP TABLE";
  }

  static String dropViews(TransactionCatalogView view, Transaction tx, DropViewStatement drop,
      Consumer<Notice> notices) {
    dropRelations(view, tx, drop.views(), drop.ifExists(), drop.cascade(), true, notices);
    return "DROP VIEW";
  }

  /**
   * DROP TABLE a, b / DROP VIEW a, b, as PostgreSQL's RemoveRelations: each name in turn must be a relation
   * of the kind named (IF EXISTS turns a missing one into a NOTICE, never a wrong kind); then all are dropped
   * together, with what depends on them if CASCADE (one NOTICE listing it) or not at all if RESTRICT.
   */
  private static void dropRelations(TransactionCatalogView view, Transaction tx, List<QualifiedName> names,
      boolean ifExists, boolean cascade, boolean views, Consumer<Notice> notices) {
    String kind = views ? "view" : "table";
    Set<Long> oids = new LinkedHashSet<>();
    for (QualifiedName name : names) {
      Optional<TableDef> table = view.table(name.schema(), name.name());
      Optional<ViewDef> viewDef = table.isPresent() ? Optional.empty() : view.view(name.schema(), name.name());
      if (views ? viewDef.isPresent() : table.isPresent()) {
        if (table.isPresent() && table.get().schemaName().equals("pg_catalog")) {
          throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE,
              "permission denied: \"" + name.name() + "\" is a system catalog");
        }
        oids.add(views ? viewDef.get().oid() : table.get().oid());
      } else if (table.isPresent() || viewDef.isPresent()) {
        String other = views ? "table" : "view";
        throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"" + name.name() + "\" is not a " + kind)
            .withHint("Use DROP " + other.toUpperCase(Locale.ROOT) + " to remove a " + other + ".");
      } else if (!ifExists) {
        throw DbException.of(SqlState.UNDEFINED_TABLE, kind + " \"" + name.name() + "\" does not exist");
      } else {
        notices.accept(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION,
            kind + " \"" + name.name() + "\" does not exist, skipping"));
      }
    }
    if (oids.isEmpty()) return;
    List<String> cascaded = view.catalog().dropRelations(tx, List.copyOf(oids), cascade);
    if (cascaded.size() == 1) {
      notices.accept(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, cascaded.get(0)));
    } else if (cascaded.size() > 1) {
      notices.accept(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION,
          "drop cascades to " + cascaded.size() + " other objects", String.join("\n", cascaded)));
    }
  }
}
