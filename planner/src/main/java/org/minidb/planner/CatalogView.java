package org.minidb.planner;

import java.util.List;
import java.util.Optional;
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

  /** Looks a view up; {@code schema} null means the search path. */
  default Optional<ViewDef> view(String schema, String name) { return Optional.empty(); }

  default List<ViewDef> views() { return List.of(); }

  /**
   * What storage knows of a table's size for costing (pages, live rows counted), or null when nothing is known
   * (the planner then assumes PostgreSQL's 10 pages).
   */
  default org.minidb.planner.cost.RelationSize relationSize(TableDef table) { return null; }
}
