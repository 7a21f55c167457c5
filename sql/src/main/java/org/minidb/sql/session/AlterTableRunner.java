package org.minidb.sql.session;

import java.util.Optional;
import java.util.function.Consumer;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.AlterTableStatement;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.ddl.IndexNames;
import org.minidb.sql.Notice;
import org.minidb.storage.catalog.Catalog;
import org.minidb.storage.catalog.IndexSpec;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.Transaction;

/**
 * Carries out ALTER TABLE: the actions in order, in the statement's transaction (an error undoes them all, as the
 * transaction aborts). Errors and notices with PostgreSQL 15's texts.
 */
final class AlterTableRunner {
  private AlterTableRunner() {}

  static String run(TransactionCatalogView view, Transaction tx, AlterTableStatement alter, Consumer<Notice> notices) {
    QualifiedName name = alter.table();
    Optional<TableDef> found = view.table(name.schema(), name.name());
    if (found.isEmpty()) {
      String what = switch (alter.actions().getFirst()) {
        case AlterTableStatement.AddKey a -> "ADD CONSTRAINT";
        case AlterTableStatement.DropConstraint d -> "DROP CONSTRAINT";
      };
      String schema = name.schema() != null ? name.schema() : "public";
      String kind = view.view(name.schema(), name.name()).isPresent() ? "views"
          : view.catalog().index(tx, schema, name.name()).isPresent() ? "indexes" : null;
      if (kind != null) {
        throw DbException.of(SqlState.WRONG_OBJECT_TYPE,
            "ALTER action " + what + " cannot be performed on relation \"" + name.name() + "\"")
            .withDetail("This operation is not supported for " + kind + ".");
      }
      if (!alter.ifExists()) {
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + name.name() + "\" does not exist");
      }
      notices.accept(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION,
          "relation \"" + name.name() + "\" does not exist, skipping"));
      return "ALTER TABLE";
    }
    TableDef table = found.get();
    if (table.schemaName().equals("pg_catalog")) {
      throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE,
          "permission denied: \"" + table.name() + "\" is a system catalog");
    }
    Catalog catalog = view.catalog();
    for (AlterTableStatement.Action action : alter.actions()) {
      switch (action) {
        case AlterTableStatement.AddKey add -> table = addKey(catalog, tx, table, add);
        case AlterTableStatement.DropConstraint drop -> {
          if (!catalog.dropConstraint(tx, table, drop.name())) {
            String message = "constraint \"" + drop.name() + "\" of relation \"" + table.name() + "\" does not exist";
            if (!drop.ifExists()) throw DbException.of(SqlState.UNDEFINED_OBJECT, message);
            notices.accept(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, message + ", skipping"));
          }
          TableDef current = table;
          table = catalog.table(tx, current.schemaName(), current.name()).orElse(current);
        }
      }
    }
    return "ALTER TABLE";
  }

  private static TableDef addKey(Catalog catalog, Transaction tx, TableDef table, AlterTableStatement.AddKey add) {
    String indexName = add.name() != null ? add.name()
        : IndexNames.choose(table.name(), add.columns(),
            add.primary() ? IndexNames.Kind.PRIMARY_KEY : IndexNames.Kind.UNIQUE_CONSTRAINT,
            n -> DdlRunner.relationExists(catalog, tx, table.schemaName(), n));
    var columns = add.columns().stream().map(c -> new IndexSpec.Column(c, false, false)).toList();
    return catalog.addIndexConstraint(tx, table, new IndexSpec(indexName, columns, true, add.primary() ? 'p' : 'u'));
  }
}
