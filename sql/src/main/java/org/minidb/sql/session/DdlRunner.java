package org.minidb.sql.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.CreateTableStatement;
import org.minidb.planner.DropTableStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.sql.Notice;
import org.minidb.storage.catalog.Catalog;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.Transaction;

/** Carries out validated DDL against the catalog, inside the statement's transaction. */
final class DdlRunner {
  private DdlRunner() {}

  /** CREATE TABLE; returns the command tag. */
  static String createTable(Catalog catalog, Transaction tx, CreateTableStatement create, Consumer<Notice> notices) {
    String schema = create.schema() == null ? "public" : create.schema();
    if (create.ifNotExists() && catalog.table(tx, schema, create.name()).isPresent()) {
      notices.accept(new Notice("NOTICE", SqlState.DUPLICATE_TABLE,
          "relation \"" + create.name() + "\" already exists, skipping"));
      return "CREATE TABLE";
    }
    catalog.createTable(tx, schema, create.name(), create.columns(), create.checks());
    return "CREATE TABLE";
  }

  /**
   * DROP TABLE a, b: every named table must exist unless IF EXISTS (then a notice per missing one), and all
   * are dropped or none.
   */
  static String dropTables(TransactionCatalogView view, Transaction tx, DropTableStatement drop,
      Consumer<Notice> notices) {
    List<TableDef> found = new ArrayList<>();
    for (QualifiedName name : drop.tables()) {
      Optional<TableDef> table = view.table(name.schema(), name.name());
      if (table.isEmpty()) {
        if (!drop.ifExists()) {
          throw DbException.of(SqlState.UNDEFINED_TABLE, "table \"" + name.name() + "\" does not exist");
        }
        notices.accept(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION,
            "table \"" + name.name() + "\" does not exist, skipping"));
        continue;
      }
      if (table.get().schemaName().equals("pg_catalog")) {
        throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE,
            "permission denied: \"" + name.name() + "\" is a system catalog");
      }
      found.add(table.get());
    }
    for (TableDef t : found) view.catalog().dropTable(tx, t);
    return "DROP TABLE";
  }
}
