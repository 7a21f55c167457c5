package org.minidb.storage.catalog;

import java.util.List;
import java.util.Optional;
import org.minidb.storage.tx.Transaction;

/**
 * The system catalog, stored in system tables (heap relations with PostgreSQL's fixed OIDs: pg_class 1259,
 * pg_attribute 1249, pg_type 1247, pg_namespace 2615, pg_database 1262, pg_authid 1260, pg_constraint 2606,
 * pg_attrdef 2604, pg_rewrite 2618, pg_depend 2608, pg_index 2610, pg_statistic 2619) in the same paged, MVCC storage as user tables. DDL is transactional: a table created in
 * a transaction is visible to that transaction only until it commits, and vanishes if it aborts.
 *
 * <p>Lookups read through the transaction's view; implementations cache committed state and invalidate the
 * cache when {@link #version()} moves.
 */
public interface Catalog {
  /** A counter that moves whenever committed catalog contents change; plan caches key on it. */
  long version();

  Optional<DatabaseDef> database(String name);

  Optional<RoleDef> role(String name);

  /** The table visible to {@code tx} with this schema and name (both already case-folded), if any. */
  Optional<TableDef> table(Transaction tx, String schema, String name);

  /** ANALYZE's statistics of a table as {@code tx} sees them ({@link RelationStatistics#NONE} if none). */
  default RelationStatistics statistics(Transaction tx, long relOid) { return RelationStatistics.NONE; }

  /**
   * Stores what ANALYZE found (pg_statistic rows of these columns replaced, pg_class.relpages/reltuples set), as a
   * catalog change of {@code tx}: it moves the catalog version when {@code tx} commits, so cached plans go.
   */
  default void storeStatistics(Transaction tx, TableDef table, int relpages, double reltuples,
      List<ColumnStatistics> columns) {
    throw new UnsupportedOperationException("this catalog keeps no statistics");
  }

  /** Every table visible to {@code tx}, system tables included. */
  List<TableDef> tables(Transaction tx);

  /**
   * Creates a table (pg_class, pg_attribute, pg_attrdef, pg_constraint rows and an empty heap file),
   * visible to others when {@code tx} commits. Column attnums are assigned in list order from 1.
   *
   * @throws org.minidb.common.error.DbException 42P07 if a table of that name exists, 3F000 if the schema
   *     does not
   */
  default TableDef createTable(Transaction tx, String schema, String name, List<ColumnDef> columns,
      List<CheckConstraint> checks) {
    return createTable(tx, schema, name, columns, checks, List.of());
  }

  /**
   * Creates a table with the (empty) indexes of its PRIMARY KEY and UNIQUE constraints; the columns of a
   * primary key become NOT NULL.
   *
   * @throws org.minidb.common.error.DbException 42P07 also when an index name is taken, 42703 for a key column
   *     that does not exist, 42P16 for a second primary key
   */
  TableDef createTable(Transaction tx, String schema, String name, List<ColumnDef> columns,
      List<CheckConstraint> checks, List<IndexSpec> indexes);

  /** The index visible to {@code tx} with this schema and name (both already case-folded), if any. */
  Optional<IndexDef> index(Transaction tx, String schema, String name);

  /**
   * CREATE [UNIQUE] INDEX on a table, built from its rows (23505 with PostgreSQL's DETAIL when a unique index
   * meets duplicates); the table is locked SHARE, as PostgreSQL's CREATE INDEX does. Returns the table as it is now.
   */
  TableDef createIndex(Transaction tx, TableDef table, IndexSpec index);

  /**
   * DROP INDEX; the file is removed once {@code tx} has committed.
   *
   * @throws org.minidb.common.error.DbException 2BP01 when a constraint owns the index
   */
  void dropIndex(Transaction tx, IndexDef index);

  /**
   * ALTER TABLE ... ADD PRIMARY KEY / UNIQUE: the constraint and its index, built over the table's rows (23505
   * when rows collide, then 23502 when a primary key column holds a NULL; its columns become NOT NULL). The table
   * is locked ACCESS EXCLUSIVE. Returns the table as it is now.
   *
   * @throws org.minidb.common.error.DbException 42P16 for a second primary key, 42P07 when the name is taken
   */
  TableDef addIndexConstraint(Transaction tx, TableDef table, IndexSpec index);

  /**
   * ALTER TABLE ... DROP CONSTRAINT name (PRIMARY KEY or UNIQUE with its index, or CHECK), under ACCESS EXCLUSIVE.
   *
   * @return false when the table has no constraint of that name
   */
  boolean dropConstraint(Transaction tx, TableDef table, String name);

  /** Drops a table that nothing depends on; its file is removed once the dropping transaction has committed. */
  void dropTable(Transaction tx, TableDef table);

  /** The view visible to {@code tx} with this schema and name (both already case-folded), if any. */
  Optional<ViewDef> view(Transaction tx, String schema, String name);

  /** Every view visible to {@code tx}. */
  List<ViewDef> views(Transaction tx);

  /**
   * CREATE [OR REPLACE] VIEW: pg_class (relkind 'v'), pg_attribute, pg_rewrite and pg_depend rows, visible to
   * others when {@code tx} commits. Replacing keeps the view's OID and may only add columns at the end.
   *
   * @param columns names and types of the query's result columns (attnums are assigned in list order)
   * @param definition the query text, planned again at every use
   * @param references the tables and views the query reads directly: DROP of one of them needs CASCADE
   * @throws org.minidb.common.error.DbException 42P07 if a relation of that name exists (and is not a view
   *     being replaced), 42809 for OR REPLACE of a table, 42P16 for a replacement that drops, renames or
   *     retypes a column
   */
  ViewDef createView(Transaction tx, String schema, String name, List<ColumnDef> columns, String definition,
      List<Long> references, boolean orReplace);

  /**
   * DROP TABLE / DROP VIEW of these relations (pg_class OIDs, in statement order) and, with {@code cascade},
   * of every view depending on them, as PostgreSQL does.
   *
   * @return the NOTICE lines of PostgreSQL's report, {@code drop cascades to view v}, in its order (empty
   *     when nothing else was dropped)
   * @throws org.minidb.common.error.DbException 2BP01 (with PostgreSQL's DETAIL and HINT) if other objects
   *     depend on them and {@code cascade} is false
   */
  List<String> dropRelations(Transaction tx, List<Long> relations, boolean cascade);
}
