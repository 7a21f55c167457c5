package org.minidb.storage.catalog;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * A B-tree index as the catalog describes it: its pg_class row (relkind 'i', relam 403), its pg_index row, the
 * pg_attribute rows of its columns and, for a PRIMARY KEY or UNIQUE constraint, the pg_constraint row that owns it
 * (same name).
 *
 * <p>An entry's key is the key columns in order, then the INCLUDE columns (PostgreSQL's non-key attributes): the
 * B-tree orders and checks uniqueness on the key part only ({@link #keys()}), the included values ride along for
 * index-only scans. A key whose attnum is 0 is an expression (pg_index.indkey's 0), whose SQL text is the next of
 * {@link #expressions()} and whose type is the next of {@link #expressionTypes()}: storage cannot evaluate SQL, so
 * whoever opens the table supplies the values (see {@code storage/index/IndexExpressions}).
 *
 * @param keys the key columns in key order (pg_index.indkey: attnums of the table, 0 for an expression)
 * @param include the attnums of the INCLUDE columns (pg_index.indkey after indnkeyatts)
 * @param expressions the SQL text of the expression keys, in order (pg_index.indexprs)
 * @param expressionTypes their result types
 * @param predicate the SQL text of a partial index's WHERE (pg_index.indpred), or null
 * @param constraint 'p', 'u', or 0 for an index created by CREATE INDEX
 */
public record IndexDef(long oid, String name, long tableOid, long relfilenode, List<Key> keys, boolean unique,
    boolean primary, char constraint, List<Integer> include, List<String> expressions,
    List<DataType> expressionTypes, String predicate) {

  /** A plain index: key columns only. */
  public IndexDef(long oid, String name, long tableOid, long relfilenode, List<Key> keys, boolean unique,
      boolean primary, char constraint) {
    this(oid, name, tableOid, relfilenode, keys, unique, primary, constraint, List.of(), List.of(), List.of(), null);
  }

  /** One key column: the table's attnum (0: an expression), and its order as pg_index.indoption says (bit 0 DESC, bit 1 NULLS FIRST). */
  public record Key(int attnum, boolean descending, boolean nullsFirst) {
    int option() { return (descending ? 1 : 0) | (nullsFirst ? 2 : 0); }

    public boolean isExpression() { return attnum == 0; }
  }

  /** Whether computing an entry needs SQL evaluation: expression keys or a predicate. */
  public boolean needsExpressions() { return !expressions.isEmpty() || predicate != null; }

  public boolean partial() { return predicate != null; }
}
