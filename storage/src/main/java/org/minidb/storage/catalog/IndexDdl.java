package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/**
 * Index DDL on the catalog rows: pg_class (relkind 'i'), pg_index and, for constraints, pg_constraint. The index
 * file is created in the same transaction and removed if it aborts (or, for DROP, once it commits), as a
 * table's file is.
 */
final class IndexDdl {
  private IndexDdl() {}

  /** Resolves a spec's columns against the table's (columns with their final attnums). */
  static IndexDef define(HeapCatalog catalog, long tableOid, List<ColumnDef> columns, IndexSpec spec) {
    List<IndexDef.Key> keys = new ArrayList<>();
    for (IndexSpec.Column c : spec.columns()) {
      ColumnDef col = columns.stream().filter(d -> d.name().equals(c.name())).findFirst().orElseThrow(() ->
          DbException.of(SqlState.UNDEFINED_COLUMN, "column \"" + c.name() + "\" named in key does not exist"));
      keys.add(new IndexDef.Key(col.attnum(), c.descending(), c.nullsFirst()));
    }
    long oid = catalog.newOid();
    return new IndexDef(oid, spec.name(), tableOid, oid, List.copyOf(keys), spec.unique() || spec.primary(),
        spec.primary(), spec.constraint());
  }

  /** Writes the catalog rows of a new index (the caller holds the DDL lock and has checked the name). */
  static void insertRows(HeapCatalog catalog, Transaction tx, IndexDef index, long namespace) {
    catalog.insert(tx, SystemCatalogs.PG_CLASS, CatalogRows.indexRelation(index, namespace));
    catalog.insert(tx, SystemCatalogs.PG_INDEX, CatalogRows.index(index));
    if (index.constraint() != 0) {
      catalog.insert(tx, SystemCatalogs.PG_CONSTRAINT, CatalogRows.indexConstraint(catalog.newOid(), index, namespace));
    }
  }

  static TableDef create(HeapCatalog catalog, RelationStore store, Transaction tx, TableDef table, IndexSpec spec) {
    HeapCatalog.lockCatalogForDdl(tx);
    tx.lockRelation(table.oid(), LockMode.SHARE);
    CatalogState current = catalog.fresh(tx);
    TableDef now = current.table(table.schemaName(), table.name());
    if (now == null || now.oid() != table.oid()) {
      throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
    }
    if (current.relationExists(now.schemaName(), spec.name())) {
      throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"" + spec.name() + "\" already exists");
    }
    IndexDef index = define(catalog, now.oid(), now.columns(), spec);
    catalog.markPending(tx);
    insertRows(catalog, tx, index, now.namespaceOid());
    long relfilenode = index.relfilenode();
    tx.onAbort(() -> store.removeRelationFile(relfilenode));
    store.buildIndexFile(tx, now, index);
    List<IndexDef> indexes = new ArrayList<>(now.indexes());
    indexes.add(index);
    return now.withIndexes(List.copyOf(indexes));
  }

  static void drop(HeapCatalog catalog, RelationStore store, Transaction tx, IndexDef index) {
    HeapCatalog.lockCatalogForDdl(tx);
    CatalogState current = catalog.fresh(tx);
    TableDef table = current.tables.stream().filter(t -> t.oid() == index.tableOid()).findFirst().orElse(null);
    if (index.constraint() != 0 && table != null) {
      throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + index.name()
          + " because constraint " + index.name() + " on table " + table.name() + " requires it")
          .withHint("You can drop constraint " + index.name() + " on table " + table.name() + " instead.");
    }
    tx.lockRelation(index.tableOid(), LockMode.ACCESS_EXCLUSIVE);
    catalog.markPending(tx);
    deleteIndex(catalog, store, tx, current, index);
  }

  /** Deletes an index's catalog rows; its file goes when {@code tx} commits. */
  static void deleteIndex(HeapCatalog catalog, RelationStore store, Transaction tx, CatalogState current,
      IndexDef index) {
    for (CatalogState.RowRef r : current.rowsOfRelation.getOrDefault(index.oid(), List.of())) catalog.deleteRow(tx, r);
    long relfilenode = index.relfilenode();
    tx.onCommit(() -> store.removeRelationFile(relfilenode));
  }
}
