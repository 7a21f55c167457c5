package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/**
 * DROP of tables and views with what depends on them: every catalog row of each relation is deleted in the
 * caller's transaction, heap files are removed once it commits. Under the DDL lock on pg_class, so the
 * dependencies read cannot change before the drop is done; each dropped relation is locked ACCESS EXCLUSIVE, so
 * it waits for its readers and writers.
 */
final class DropRelations {
  private DropRelations() {}

  static List<String> drop(HeapCatalog catalog, Transaction tx, List<Long> named, boolean cascade) {
    HeapCatalog.lockCatalogForDdl(tx);
    CatalogState current = catalog.fresh(tx);
    for (long oid : named) {
      if (oid < Oids.FIRST_NORMAL_OBJECT_ID) {
        String name = current.tables.stream().filter(t -> t.oid() == oid).map(TableDef::name).findFirst()
            .orElse(String.valueOf(oid));
        throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + name + "\" is a system catalog");
      }
      if (current.rowsOfRelation.get(oid) == null) {
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation with OID " + oid + " does not exist");
      }
    }
    List<String> notices = new ArrayList<>();
    List<DependentObjects.Target> targets = DependentObjects.collect(current, named, cascade, notices);
    for (DependentObjects.Target t : targets) tx.lockRelation(t.oid(), LockMode.ACCESS_EXCLUSIVE);
    catalog.markPending(tx);
    for (DependentObjects.Target t : targets) {
      for (CatalogState.RowRef r : current.rowsOfRelation.get(t.oid())) catalog.deleteRow(tx, r);
      current.tables.stream().filter(d -> d.oid() == t.oid()).findFirst().ifPresent(table -> {
        long relfilenode = table.relfilenode();
        tx.onCommit(() -> catalog.removeRelationFile(relfilenode));
        long toast = table.toastRelid();
        if (toast != 0) {
          for (CatalogState.RowRef r : current.rowsOfRelation.getOrDefault(toast, List.of())) catalog.deleteRow(tx, r);
          tx.onCommit(() -> catalog.removeRelationFile(toast));
        }
        for (IndexDef index : table.indexes()) IndexDdl.deleteIndex(catalog, catalog.store(), tx, current, index);
      });
    }
    return notices;
  }
}
