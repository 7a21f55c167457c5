package org.minidb.planner;

import java.util.List;
import java.util.Optional;
import org.minidb.storage.catalog.RelationStatistics;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.catalog.ViewDef;

/**
 * The tables one statement may see, as the session resolves them for its transaction (so that a table
 * created earlier in the same transaction is found). The planner never reads the storage catalog itself.
 */
public interface CatalogView {
  /** Catalog version this view reflects: part of every plan cache key. */
  long version();

  /** Looks a table up; {@code schema} null means the search path ({@code public}, then pg_catalog). */
  Optional<TableDef> table(String schema, String name);

  List<TableDef> tables();

  /** ANALYZE's statistics of a table ({@link RelationStatistics#NONE} when never analyzed). */
  default RelationStatistics statistics(long relOid) { return RelationStatistics.NONE; }

  /** The live rows the server has counted for a table (its estimate for a table never analyzed), or -1. */
  default double liveRows(long relOid) { return -1; }

  /** Looks a view up; {@code schema} null means the search path. */
  default Optional<ViewDef> view(String schema, String name) { return Optional.empty(); }

  default List<ViewDef> views() { return List.of(); }

  /**
   * What storage knows of a table's size for costing (pages, live rows counted), or null when nothing is known
   * (the planner then assumes PostgreSQL's 10 pages).
   */
  default org.minidb.planner.cost.RelationSize relationSize(TableDef table) { return null; }
}
