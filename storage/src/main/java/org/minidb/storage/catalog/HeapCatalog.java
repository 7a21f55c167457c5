package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.minidb.common.encoding.RowCodec;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.tx.MvccTransactionManager;
import org.minidb.storage.tx.Snapshot;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/**
 * The catalog stored in the system tables, under MVCC like user tables.
 *
 * <p>Caching: the committed catalog is read into an on-heap {@link CatalogState} tagged with the shared
 * catalog version it was loaded at (the version is read before the snapshot is taken, so a state is never
 * tagged newer than it is). Every committed DDL bumps the version in its on-commit action, which runs before
 * the transaction releases its locks; the next lookup in any backend sees the version move and reloads.
 * A transaction that has made catalog changes of its own reads the catalog through its own snapshot instead
 * (including its current command), until it ends. DDL itself always reads afresh, after taking the catalog
 * write lock, so two transactions can never both create the same name.
 */
public final class HeapCatalog implements Catalog {
  private record Cached(long version, CatalogState state) {}

  private final RelationStore store;
  private final MvccTransactionManager tm;
  private final Set<Transaction> withPendingDdl = ConcurrentHashMap.newKeySet();
  private volatile Cached cached;

  public HeapCatalog(RelationStore store, MvccTransactionManager tm) {
    this.store = store;
    this.tm = tm;
  }

  @Override
  public long version() { return tm.catalogVersion(); }

  private CatalogState committed() {
    long v = tm.catalogVersion();
    Cached c = cached;
    if (c != null && c.version() == v) return c.state();
    CatalogState s = CatalogState.load(store::systemHeap, tm.snapshot());
    cached = new Cached(v, s);
    return s;
  }

  /** The transaction's view including its own changes of the current command. */
  CatalogState fresh(Transaction tx) { return CatalogState.load(store::systemHeap, freshSnapshot(tx)); }

  /** The transaction's snapshot, seeing also its own changes of the current command. */
  Snapshot freshSnapshot(Transaction tx) {
    Snapshot s = tx.snapshot();
    return new Snapshot(s.xmin(), s.xmax(), s.inProgress(), s.ownXid(), Integer.MAX_VALUE, s.ownSubXids());
  }

  private CatalogState view(Transaction tx) {
    return tx != null && withPendingDdl.contains(tx) ? fresh(tx) : committed();
  }

  @Override
  public Optional<DatabaseDef> database(String name) { return Optional.ofNullable(committed().databases.get(name)); }

  @Override
  public Optional<RoleDef> role(String name) { return Optional.ofNullable(committed().roles.get(name)); }

  @Override
  public Optional<TableDef> table(Transaction tx, String schema, String name) {
    return Optional.ofNullable(view(tx).table(schema, name));
  }

  @Override
  public List<TableDef> tables(Transaction tx) { return List.copyOf(view(tx).tables); }

  @Override
  public RelationStatistics statistics(Transaction tx, long relOid) {
    return view(tx).statistics.getOrDefault(relOid, RelationStatistics.NONE);
  }

  @Override
  public void storeStatistics(Transaction tx, TableDef table, int relpages, double reltuples,
      List<ColumnStatistics> columns) {
    StatisticsDdl.store(this, tx, table, relpages, reltuples, columns);
  }

  @Override
  public Optional<ViewDef> view(Transaction tx, String schema, String name) {
    return Optional.ofNullable(view(tx).view(schema, name));
  }

  @Override
  public List<ViewDef> views(Transaction tx) { return List.copyOf(view(tx).views); }

  @Override
  public ViewDef createView(Transaction tx, String schema, String name, List<ColumnDef> columns, String definition,
      List<Long> references, boolean orReplace) {
    return ViewDdl.create(this, tx, schema, name, columns, definition, references, orReplace);
  }

  @Override
  public List<String> dropRelations(Transaction tx, List<Long> relations, boolean cascade) {
    return DropRelations.drop(this, tx, relations, cascade);
  }

  @Override
  public Optional<IndexDef> index(Transaction tx, String schema, String name) {
    return Optional.ofNullable(view(tx).index(schema, name));
  }

  @Override
  public TableDef createIndex(Transaction tx, TableDef table, IndexSpec index) {
    return IndexDdl.create(this, store, tx, table, index);
  }

  @Override
  public void dropIndex(Transaction tx, IndexDef index) { IndexDdl.drop(this, store, tx, index); }

  @Override
  public TableDef addIndexConstraint(Transaction tx, TableDef table, IndexSpec index) {
    return ConstraintDdl.addIndexConstraint(this, store, tx, table, index);
  }

  @Override
  public boolean dropConstraint(Transaction tx, TableDef table, String name) {
    return ConstraintDdl.dropConstraint(this, store, tx, table, name);
  }

  @Override
  public TableDef createTable(Transaction tx, String schema, String name, List<ColumnDef> columns,
      List<CheckConstraint> checks, List<IndexSpec> indexSpecs) {
    lockCatalogForDdl(tx);
    CatalogState current = fresh(tx);
    Long nsOid = current.namespaces.get(schema);
    if (nsOid == null) throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
    if (current.relationExists(schema, name)) {
      throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
    }
    long oid = tm.newOid();
    long relfilenode = oid;
    Set<String> primaryKey = new HashSet<>();
    Set<String> indexNames = new HashSet<>();
    for (IndexSpec spec : indexSpecs) {
      if (spec.primary()) {
        if (!primaryKey.isEmpty()) {
          throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
              "multiple primary keys for table \"" + name + "\" are not allowed");
        }
        for (IndexSpec.Column c : spec.columns()) primaryKey.add(c.name());
      }
      if (!indexNames.add(spec.name()) || current.relationExists(schema, spec.name())) {
        throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"" + spec.name() + "\" already exists");
      }
    }
    List<ColumnDef> cols = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      cols.add(new ColumnDef(c.name(), i + 1, c.type(), c.notNull() || primaryKey.contains(c.name()), c.defaultExpr()));
    }
    List<IndexDef> indexes = new ArrayList<>();
    for (IndexSpec spec : indexSpecs) indexes.add(IndexDdl.define(this, oid, cols, spec));
    List<CheckConstraint> cons = new ArrayList<>();
    Set<String> conNames = new HashSet<>();
    for (CheckConstraint c : checks) {
      String conName = c.name() != null ? c.name() : name + "_check";
      for (int n = 1; conNames.contains(conName); n++) conName = name + "_check" + n;
      conNames.add(conName);
      cons.add(new CheckConstraint(conName, c.expression()));
    }
    markPending(tx);
    // A TOAST relation for every table that can hold a value too big for a page (PostgreSQL's needs_toast_table).
    long toastOid = cols.stream().anyMatch(c -> RowCodec.isVarlena(c.type().type())) ? tm.newOid() : 0;
    insert(tx, SystemCatalogs.PG_CLASS, CatalogRows.relation(oid, name, nsOid, relfilenode, cols.size(), cons.size(),
        false, !indexes.isEmpty(), toastOid));
    for (ColumnDef c : cols) {
      insert(tx, SystemCatalogs.PG_ATTRIBUTE, CatalogRows.attribute(oid, c));
      if (c.defaultExpr() != null) {
        insert(tx, SystemCatalogs.PG_ATTRDEF, CatalogRows.attrdef(tm.newOid(), oid, c.attnum(), c.defaultExpr()));
      }
    }
    for (CheckConstraint c : cons) {
      insert(tx, SystemCatalogs.PG_CONSTRAINT, CatalogRows.checkConstraint(tm.newOid(), c.name(), nsOid, oid, c.expression()));
    }
    tx.onAbort(() -> store.removeRelationFile(relfilenode));
    store.createRelationFile(relfilenode);
    if (toastOid != 0) {
      insert(tx, SystemCatalogs.PG_CLASS, CatalogRows.toastRelation(toastOid, oid));
      tx.onAbort(() -> store.removeRelationFile(toastOid));
      store.createRelationFile(toastOid);
    }
    for (IndexDef index : indexes) {
      IndexDdl.insertRows(this, tx, index, nsOid);
      long indexFile = index.relfilenode();
      tx.onAbort(() -> store.removeRelationFile(indexFile));
      store.createIndexFile(indexFile, index.name());
    }
    return new TableDef(oid, nsOid, schema, name, relfilenode, List.copyOf(cols), List.copyOf(cons),
        List.copyOf(indexes), toastOid);
  }

  @Override
  public void dropTable(Transaction tx, TableDef table) {
    dropRelations(tx, List.of(table.oid()), false);
  }

  /**
   * DDL transactions serialize on pg_class (a self-conflicting mode; catalog readers take none), so that each
   * builds on the catalog the previous one committed.
   */
  static void lockCatalogForDdl(Transaction tx) {
    tx.lockRelation(Oids.PG_CLASS, LockMode.SHARE_ROW_EXCLUSIVE);
  }

  long newOid() { return tm.newOid(); }

  RelationStore store() { return store; }

  void deleteRow(Transaction tx, CatalogState.RowRef row) { store.systemHeap(row.table()).delete(tx, row.tid()); }

  void removeRelationFile(long relfilenode) { store.removeRelationFile(relfilenode); }

  void markPending(Transaction tx) {
    if (withPendingDdl.add(tx)) {
      tx.onCommit(() -> {
        tm.bumpCatalogVersion();
        withPendingDdl.remove(tx);
      });
      tx.onAbort(() -> withPendingDdl.remove(tx));
    }
  }

  void insert(Transaction tx, SystemTable table, Object[] row) {
    store.systemHeap(table).insert(tx, RowCodec.encode(table.types(), row));
  }

  /** Fills the system tables of a new data directory in one transaction (the files exist and are empty). */
  public void bootstrap(Transaction tx) {
    insert(tx, SystemCatalogs.PG_DATABASE, SystemCatalogs.PG_DATABASE.row("oid", Oids.POSTGRES_DATABASE,
        "datname", "postgres", "datdba", Oids.BOOTSTRAP_SUPERUSER, "encoding", 6, "datlocprovider", "c",
        "datallowconn", true, "datconnlimit", -1, "datcollate", "C", "datctype", "C"));
    insert(tx, SystemCatalogs.PG_AUTHID, SystemCatalogs.PG_AUTHID.row("oid", Oids.BOOTSTRAP_SUPERUSER,
        "rolname", "postgres", "rolsuper", true, "rolinherit", true, "rolcreaterole", true, "rolcreatedb", true,
        "rolcanlogin", true, "rolreplication", true, "rolbypassrls", true, "rolconnlimit", -1));
    insert(tx, SystemCatalogs.PG_NAMESPACE, SystemCatalogs.PG_NAMESPACE.row("oid", Oids.PG_CATALOG_NAMESPACE,
        "nspname", "pg_catalog", "nspowner", Oids.BOOTSTRAP_SUPERUSER));
    insert(tx, SystemCatalogs.PG_NAMESPACE, SystemCatalogs.PG_NAMESPACE.row("oid", Oids.PG_TOAST_NAMESPACE,
        "nspname", "pg_toast", "nspowner", Oids.BOOTSTRAP_SUPERUSER));
    insert(tx, SystemCatalogs.PG_NAMESPACE, SystemCatalogs.PG_NAMESPACE.row("oid", Oids.PUBLIC_NAMESPACE,
        "nspname", "public", "nspowner", Oids.BOOTSTRAP_SUPERUSER));
    for (org.minidb.common.types.PgType t : org.minidb.common.types.PgType.values()) {
      insert(tx, SystemCatalogs.PG_TYPE, CatalogRows.type(t));
    }
    for (SystemTable t : SystemCatalogs.ALL) {
      insert(tx, SystemCatalogs.PG_CLASS, CatalogRows.relation(t.oid(), t.name(), Oids.PG_CATALOG_NAMESPACE, t.oid(),
          t.columns().size(), 0, t.shared()));
      for (ColumnDef c : t.columns()) insert(tx, SystemCatalogs.PG_ATTRIBUTE, CatalogRows.attribute(t.oid(), c));
    }
    SystemViews.create(this, tx);
  }
}
