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
record TransactionCatalogView(Catalog catalog, Transaction transaction, long version, LongToDoubleFunction liveRowCounter,
    org.minidb.storage.StorageEngine storage) implements CatalogView {
  private static final List<String> SEARCH_PATH = List.of("public", "pg_catalog");

  TransactionCatalogView(Catalog catalog, Transaction transaction, long version) {
    this(catalog, transaction, version, relOid -> -1, null);
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

  /**
   * The heap's length, and pg_class.relpages / reltuples once ANALYZE (or VACUUM ANALYZE, autoanalyze) counted
   * them. Never counted: a heap of 10 pages or more is taken as counted by its activity counters (pg_stat's
   * n_live_tup), a smaller one as never counted (PostgreSQL's 10-page assumption, which keeps plans of small
   * tables those of a fresh PostgreSQL table).
   */
  @Override
  public org.minidb.planner.cost.RelationSize relationSize(TableDef table) {
    if (storage == null) return null;
    try {
      long pages = storage.heap(table).pageCount();
      RelationStatistics counted = statistics(table.oid());
      if (counted.analyzed()) {
        return new org.minidb.planner.cost.RelationSize(pages, counted.relpages(), counted.reltuples());
      }
      double live = liveRows(table.oid());
      return pages >= 10 && live > 0 ? new org.minidb.planner.cost.RelationSize(pages, pages, live)
          : org.minidb.planner.cost.RelationSize.uncounted(pages);
    } catch (RuntimeException e) {
      return null; // a relation without a heap of its own (a system view): PostgreSQL's default size
    }
  }
}
