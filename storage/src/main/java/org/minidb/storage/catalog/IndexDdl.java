package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/**
 * Index DDL on the catalog rows: pg_class (relkind 'i'), pg_index and, for constraints, pg_constraint. The index
 * file is created in the same transaction and removed if it aborts (or, for DROP, once it commits), as a
 * table's file is.
 */
final class IndexDdl {
  private IndexDdl() {}

  /**
   * Resolves a spec's columns against the table's (columns with their final attnums): key columns, expression
   * keys (attnum 0, their text and type as the planner checked them), INCLUDE columns, the predicate.
   */
  static IndexDef define(HeapCatalog catalog, long tableOid, List<ColumnDef> columns, IndexSpec spec) {
    List<IndexDef.Key> keys = new ArrayList<>();
    List<String> expressions = new ArrayList<>();
    List<DataType> expressionTypes = new ArrayList<>();
    for (IndexSpec.Column c : spec.columns()) {
      if (c.isExpression()) {
        keys.add(new IndexDef.Key(0, c.descending(), c.nullsFirst()));
        expressions.add(c.expression());
        expressionTypes.add(c.type());
        continue;
      }
      keys.add(new IndexDef.Key(column(columns, c.name(), spec).attnum(), c.descending(), c.nullsFirst()));
    }
    List<Integer> include = new ArrayList<>();
    for (String name : spec.include()) include.add(column(columns, name, spec).attnum());
    long oid = catalog.newOid();
    return new IndexDef(oid, spec.name(), tableOid, oid, List.copyOf(keys), spec.unique() || spec.primary(),
        spec.primary(), spec.constraint(), List.copyOf(include), List.copyOf(expressions),
        List.copyOf(expressionTypes), spec.predicate());
  }

  /** A column by name: 42703 with CREATE INDEX's message, or the constraint's "named in key". */
  private static ColumnDef column(List<ColumnDef> columns, String name, IndexSpec spec) {
    return columns.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
        DbException.of(SqlState.UNDEFINED_COLUMN, spec.constraint() == 0 ? "column \"" + name + "\" does not exist"
            : "column \"" + name + "\" named in key does not exist"));
  }

  /**
   * The pg_attribute rows of an index's columns, as PostgreSQL writes them: a column's name and type, an
   * expression's name as FigureColname chooses it (the planner's, in the spec) and its result type.
   */
  static void insertAttributes(HeapCatalog catalog, Transaction tx, IndexDef index, List<ColumnDef> columns,
      IndexSpec spec) {
    int attnum = 0;
    for (IndexSpec.Column c : spec.columns()) {
      attnum++;
      ColumnDef def = c.isExpression() ? new ColumnDef(c.name(), attnum, c.type(), false, null)
          : renumbered(column(columns, c.name(), spec), attnum);
      catalog.insert(tx, SystemCatalogs.PG_ATTRIBUTE, CatalogRows.attribute(index.oid(), def));
    }
    for (String name : spec.include()) {
      attnum++;
      catalog.insert(tx, SystemCatalogs.PG_ATTRIBUTE,
          CatalogRows.attribute(index.oid(), renumbered(column(columns, name, spec), attnum)));
    }
  }

  private static ColumnDef renumbered(ColumnDef c, int attnum) {
    return new ColumnDef(c.name(), attnum, c.type(), false, null);
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
    insertAttributes(catalog, tx, index, now.columns(), spec);
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
