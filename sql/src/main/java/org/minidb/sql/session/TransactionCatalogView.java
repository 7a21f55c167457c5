package org.minidb.sql.session;

import java.util.List;
import java.util.Optional;
import org.minidb.planner.CatalogView;
import org.minidb.storage.catalog.Catalog;
import java.util.function.LongToDoubleFunction;
import org.minidb.storage.catalog.RelationStatistics;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.catalog.ViewDef;
import org.minidb.storage.tx.Transaction;

/**
 * The catalog as one transaction sees it, resolving unqualified names through the search path (for now
 * always {@code public}, then {@code pg_catalog}).
 */
record TransactionCatalogView(Catalog catalog, Transaction transaction, long version, LongToDoubleFunction liveRowCounter)
    implements CatalogView {
  private static final List<String> SEARCH_PATH = List.of("public", "pg_catalog");

  TransactionCatalogView(Catalog catalog, Transaction transaction, long version) {
    this(catalog, transaction, version, relOid -> -1);
  }

  @Override
  public RelationStatistics statistics(long relOid) { return catalog.statistics(transaction, relOid); }

  @Override
  public double liveRows(long relOid) { return liveRowCounter.applyAsDouble(relOid); }

  @Override
  public Optional<TableDef> table(String schema, String name) {
    if (schema != null) return catalog.table(transaction, schema, name);
    for (String s : SEARCH_PATH) {
      Optional<TableDef> t = catalog.table(transaction, s, name);
      if (t.isPresent()) return t;
    }
    return Optional.empty();
  }

  @Override
  public List<TableDef> tables() { return catalog.tables(transaction); }

  @Override
  public Optional<ViewDef> view(String schema, String name) {
    if (schema != null) return catalog.view(transaction, schema, name);
    for (String s : SEARCH_PATH) {
      // The first schema of the path holding a relation of that name decides, whatever its kind.
      if (catalog.table(transaction, s, name).isPresent()) return Optional.empty();
      Optional<ViewDef> v = catalog.view(transaction, s, name);
      if (v.isPresent()) return v;
    }
    return Optional.empty();
  }

  @Override
  public List<ViewDef> views() { return catalog.views(transaction); }
}
