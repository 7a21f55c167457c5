package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/**
 * ALTER TABLE ... ADD PRIMARY KEY / UNIQUE and DROP CONSTRAINT on the catalog rows. Both lock the table ACCESS
 * EXCLUSIVE, as PostgreSQL's ALTER TABLE does, and are transactional: the index file of an added constraint goes
 * if the transaction aborts, that of a dropped one once it commits.
 */
final class ConstraintDdl {
  private ConstraintDdl() {}

  /**
   * Adds a PRIMARY KEY or UNIQUE constraint with its index, built over the table's rows: 23505 (PostgreSQL's
   * {@code could not create unique index}) when two rows the transaction sees have equal keys, then, for a primary
   * key, 23502 when one has a NULL in a key column (checked in that order, as PostgreSQL does). A primary key's
   * columns become NOT NULL; dropping the constraint later leaves them so, as in PostgreSQL 15.
   */
  static TableDef addIndexConstraint(HeapCatalog catalog, RelationStore store, Transaction tx, TableDef table,
      IndexSpec spec) {
    HeapCatalog.lockCatalogForDdl(tx);
    tx.lockRelation(table.oid(), LockMode.ACCESS_EXCLUSIVE);
    CatalogState current = catalog.fresh(tx);
    TableDef now = current.table(table.schemaName(), table.name());
    if (now == null || now.oid() != table.oid()) {
      throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
    }
    if (spec.primary() && now.indexes().stream().anyMatch(IndexDef::primary)) {
      throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
          "multiple primary keys for table \"" + now.name() + "\" are not allowed");
    }
    IndexDef index = IndexDdl.define(catalog, now.oid(), now.columns(), spec);
    if (current.relationExists(now.schemaName(), spec.name())) {
      throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"" + spec.name() + "\" already exists");
    }
    if (current.constraintsByName.getOrDefault(now.oid(), Map.of()).containsKey(spec.name())) {
      throw DbException.of(SqlState.DUPLICATE_OBJECT,
          "constraint \"" + spec.name() + "\" for relation \"" + now.name() + "\" already exists");
    }
    catalog.markPending(tx);
    IndexDdl.insertRows(catalog, tx, index, now.namespaceOid());
    long relfilenode = index.relfilenode();
    tx.onAbort(() -> store.removeRelationFile(relfilenode));
    store.buildIndexFile(tx, now, index);
    List<ColumnDef> columns = new ArrayList<>(now.columns());
    if (spec.primary()) {
      for (IndexDef.Key key : index.keys()) {
        ColumnDef c = columns.get(key.attnum() - 1);
        if (c.notNull()) continue;
        setNotNull(catalog, tx, current.attributes.get(now.oid()).get(key.attnum()));
        columns.set(key.attnum() - 1, new ColumnDef(c.name(), c.attnum(), c.type(), true, c.defaultExpr()));
      }
    }
    List<IndexDef> indexes = new ArrayList<>(now.indexes());
    indexes.add(index);
    return new TableDef(now.oid(), now.namespaceOid(), now.schemaName(), now.name(), now.relfilenode(),
        List.copyOf(columns), now.checks(), List.copyOf(indexes), now.toastRelid());
  }

  /** Replaces a pg_attribute row by the same with attnotnull set. */
  private static void setNotNull(HeapCatalog catalog, Transaction tx, CatalogState.AttributeRow attribute) {
    SystemTable at = SystemCatalogs.PG_ATTRIBUTE;
    Object[] row = attribute.row().clone();
    row[at.index("attnotnull")] = true;
    catalog.deleteRow(tx, attribute.ref());
    catalog.insert(tx, at, row);
  }

  /**
   * Drops the constraint of this name on the table: a PRIMARY KEY or UNIQUE constraint with its index, or a CHECK
   * constraint. Returns false when the table has no such constraint (the caller reports 42704 or, with IF EXISTS,
   * PostgreSQL's NOTICE).
   */
  static boolean dropConstraint(HeapCatalog catalog, RelationStore store, Transaction tx, TableDef table,
      String name) {
    HeapCatalog.lockCatalogForDdl(tx);
    tx.lockRelation(table.oid(), LockMode.ACCESS_EXCLUSIVE);
    CatalogState current = catalog.fresh(tx);
    CatalogState.RowRef constraint = current.constraintsByName.getOrDefault(table.oid(), Map.of()).get(name);
    if (constraint == null) return false;
    catalog.markPending(tx);
    catalog.deleteRow(tx, constraint);
    TableDef now = current.tables.stream().filter(t -> t.oid() == table.oid()).findFirst().orElseThrow();
    for (IndexDef index : now.indexes()) {
      if (index.constraint() != 0 && index.name().equals(name)) IndexDdl.deleteIndex(catalog, store, tx, current, index);
    }
    return true;
  }
}
