package org.minidb.storage.catalog;

import java.util.List;
import java.util.Optional;
import org.minidb.storage.tx.Transaction;

/**
 * The system catalog, stored in system tables (heap relations with PostgreSQL's fixed OIDs: pg_class 1259,
 * pg_attribute 1249, pg_type 1247, pg_namespace 2615, pg_database 1262, pg_authid 1260, pg_constraint 2606,
 * pg_attrdef 2604) in the same paged, MVCC storage as user tables. DDL is transactional: a table created in
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

  /** Every table visible to {@code tx}, system tables included. */
  List<TableDef> tables(Transaction tx);

  /**
   * Creates a table (pg_class, pg_attribute, pg_attrdef, pg_constraint rows and an empty heap file),
   * visible to others when {@code tx} commits. Column attnums are assigned in list order from 1.
   *
   * @throws org.minidb.common.error.DbException 42P07 if a table of that name exists, 3F000 if the schema
   *     does not
   */
  TableDef createTable(Transaction tx, String schema, String name, List<ColumnDef> columns,
      List<CheckConstraint> checks);

  /** Drops a table; its file is removed once the dropping transaction has committed. */
  void dropTable(Transaction tx, TableDef table);
}
