package org.minidb.storage.catalog;

import java.util.List;

/**
 * A B-tree index as the catalog describes it: its pg_class row (relkind 'i', relam 403), its pg_index row and,
 * for a PRIMARY KEY or UNIQUE constraint, the pg_constraint row that owns it (same name).
 *
 * @param keys the indexed columns in key order (pg_index.indkey: attnums of the table)
 * @param constraint 'p', 'u', or 0 for an index created by CREATE INDEX
 */
public record IndexDef(long oid, String name, long tableOid, long relfilenode, List<Key> keys, boolean unique,
    boolean primary, char constraint) {

  /** One key column: the table's attnum, and its order as pg_index.indoption says (bit 0 DESC, bit 1 NULLS FIRST). */
  public record Key(int attnum, boolean descending, boolean nullsFirst) {
    int option() { return (descending ? 1 : 0) | (nullsFirst ? 2 : 0); }
  }
}
