package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.tx.Transaction;

/**
 * CREATE [OR REPLACE] VIEW on the catalog rows: pg_class (relkind 'v'), pg_attribute, the {@code _RETURN}
 * rule in pg_rewrite and its pg_depend rows, all written in the caller's transaction (so a rolled-back
 * CREATE VIEW leaves nothing and the WAL makes it crash-safe like any heap change).
 */
final class ViewDdl {
  private ViewDdl() {}

  static ViewDef create(HeapCatalog catalog, Transaction tx, String schema, String name, List<ColumnDef> columns,
      String definition, List<Long> references, boolean orReplace) {
    return create(catalog, tx, schema, name, columns, definition, references, orReplace, 0, 0);
  }

  /** With fixed OIDs for the view and its rule (a system view made at bootstrap), or 0 to assign new ones. */
  static ViewDef create(HeapCatalog catalog, Transaction tx, String schema, String name, List<ColumnDef> columns,
      String definition, List<Long> references, boolean orReplace, long fixedOid, long fixedRuleOid) {
    HeapCatalog.lockCatalogForDdl(tx);
    CatalogState current = catalog.fresh(tx);
    Long nsOid = current.namespaces.get(schema);
    if (nsOid == null) throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
    ViewDef old = current.view(schema, name);
    if (old == null && current.table(schema, name) != null && orReplace) {
      throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a view");
    }
    if (current.relationExists(schema, name) && !(orReplace && old != null)) {
      throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
    }
    for (long ref : references) {
      if (current.tables.stream().noneMatch(t -> t.oid() == ref) && current.views.stream().noneMatch(v -> v.oid() == ref)) {
        // Dropped by a transaction that committed after this statement was planned.
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation with OID " + ref + " does not exist");
      }
    }
    List<ColumnDef> cols = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      cols.add(new ColumnDef(c.name(), i + 1, c.type(), false, null));
    }
    if (old != null) checkReplacement(old.columns(), cols);
    long oid = old != null ? old.oid() : fixedOid != 0 ? fixedOid : catalog.newOid();
    long ruleOid = old != null ? old.ruleOid() : fixedRuleOid != 0 ? fixedRuleOid : catalog.newOid();
    catalog.markPending(tx);
    int keptColumns = 0;
    if (old != null) {
      // The view keeps its OID, rule OID and column rows (columns can only be added at the end); its
      // pg_class row, rule and dependencies are written again.
      for (CatalogState.RowRef r : current.rowsOfRelation.get(old.oid())) {
        if (r.table() != SystemCatalogs.PG_ATTRIBUTE) catalog.deleteRow(tx, r);
      }
      keptColumns = old.columns().size();
    }
    catalog.insert(tx, SystemCatalogs.PG_CLASS, SystemCatalogs.PG_CLASS.row("oid", oid, "relname", name,
        "relnamespace", nsOid, "relowner", Oids.BOOTSTRAP_SUPERUSER, "relam", 0L, "relfilenode", 0L,
        "reltuples", -1f, "relpersistence", "p", "relkind", "v", "relnatts", (short) cols.size(),
        "relhasrules", true, "relispopulated", true, "relreplident", "n"));
    for (ColumnDef c : cols.subList(keptColumns, cols.size())) {
      catalog.insert(tx, SystemCatalogs.PG_ATTRIBUTE, CatalogRows.attribute(oid, c));
    }
    catalog.insert(tx, SystemCatalogs.PG_REWRITE, SystemCatalogs.PG_REWRITE.row("oid", ruleOid,
        "rulename", "_RETURN", "ev_class", oid, "ev_type", "1", "ev_enabled", "O", "is_instead", true,
        "ev_action", definition));
    catalog.insert(tx, SystemCatalogs.PG_DEPEND, dependency(ruleOid, oid, "i"));
    // PostgreSQL's rule also depends normally on its own view (its query's range table names it).
    catalog.insert(tx, SystemCatalogs.PG_DEPEND, dependency(ruleOid, oid, "n"));
    for (long ref : references) {
      // As in PostgreSQL, the bootstrap catalog is pinned: nothing records a dependency on it.
      if (ref >= Oids.FIRST_NORMAL_OBJECT_ID) catalog.insert(tx, SystemCatalogs.PG_DEPEND, dependency(ruleOid, ref, "n"));
    }
    return new ViewDef(oid, nsOid, schema, name, List.copyOf(cols), definition, ruleOid,
        references.stream().filter(r -> r >= Oids.FIRST_NORMAL_OBJECT_ID).toList());
  }

  /**
   * The rule {@code ruleOid} depends on the relation {@code relOid} as a whole. PostgreSQL records one row per
   * column the query uses (refobjsubid = attnum); MiniDB records the relation (refobjsubid 0), which is all
   * DROP needs; column-level rows come with ALTER TABLE.
   */
  private static Object[] dependency(long ruleOid, long relOid, String deptype) {
    return SystemCatalogs.PG_DEPEND.row("classid", Oids.PG_REWRITE, "objid", ruleOid, "objsubid", 0,
        "refclassid", Oids.PG_CLASS, "refobjid", relOid, "refobjsubid", 0, "deptype", deptype);
  }

  /** PostgreSQL's checkViewTupleDesc: OR REPLACE may add columns at the end, never drop, rename or retype. */
  private static void checkReplacement(List<ColumnDef> old, List<ColumnDef> replacement) {
    if (replacement.size() < old.size()) {
      throw DbException.of(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
    }
    for (int i = 0; i < old.size(); i++) {
      ColumnDef o = old.get(i);
      ColumnDef n = replacement.get(i);
      if (!o.name().equals(n.name())) {
        throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
                "cannot change name of view column \"" + o.name() + "\" to \"" + n.name() + "\"")
            .withHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
      }
      if (!o.type().equals(n.type())) {
        throw DbException.of(SqlState.INVALID_TABLE_DEFINITION, "cannot change data type of view column \""
            + o.name() + "\" from " + o.type().formatType() + " to " + n.type().formatType());
      }
    }
  }
}
