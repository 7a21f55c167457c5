package org.minidb.storage.catalog;

import java.util.List;

/**
 * A table as the catalog describes it (pg_class with relkind 'r', its pg_attribute rows and constraints, and its
 * indexes in OID order).
 * Immutable: a DDL statement produces a new TableDef. {@code oid} is pg_class.oid; {@code relfilenode}
 * names the heap file, and may differ from the oid (as in PostgreSQL, e.g. after TRUNCATE later).
 * {@code toastRelid} is pg_class.reltoastrelid: the oid (and relfilenode) of the table's TOAST relation, 0 when
 * it has none (no variable-width column, or made before TOAST existed).
 */
public record TableDef(long oid, long namespaceOid, String schemaName, String name, long relfilenode,
    List<ColumnDef> columns, List<CheckConstraint> checks, List<IndexDef> indexes, long toastRelid) {

  /** A table without a TOAST relation. */
  public TableDef(long oid, long namespaceOid, String schemaName, String name, long relfilenode,
      List<ColumnDef> columns, List<CheckConstraint> checks, List<IndexDef> indexes) {
    this(oid, namespaceOid, schemaName, name, relfilenode, columns, checks, indexes, 0);
  }

  /** A table without indexes. */
  public TableDef(long oid, long namespaceOid, String schemaName, String name, long relfilenode,
      List<ColumnDef> columns, List<CheckConstraint> checks) {
    this(oid, namespaceOid, schemaName, name, relfilenode, columns, checks, List.of());
  }

  /** The same table with another list of indexes. */
  public TableDef withIndexes(List<IndexDef> newIndexes) {
    return new TableDef(oid, namespaceOid, schemaName, name, relfilenode, columns, checks, newIndexes, toastRelid);
  }

  public int columnCount() { return columns.size(); }

  /** The column with this (already case-folded) name, or null. */
  public ColumnDef column(String columnName) {
    for (ColumnDef c : columns) {
      if (c.name().equals(columnName)) return c;
    }
    return null;
  }
}
