package org.minidb.planner.catalog;

import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.minidb.planner.CatalogView;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.catalog.ViewDef;

/** One PostgreSQL schema (namespace) of a statement's catalog view, as a Calcite schema: tables and views. */
final class MiniDbSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  MiniDbSchema(Map<String, TableDef> defs, Map<String, ViewDef> views, CatalogView catalog) {
    Map<String, Table> m = new HashMap<>();
    defs.forEach((name, def) -> m.put(name, new MiniDbTable(def, () -> catalog.statistics(def.oid()),
        () -> catalog.relationSize(def))));
    views.forEach((name, def) -> m.put(name, new MiniDbView(def)));
    this.tables = m;
  }

  @Override
  protected Map<String, Table> getTableMap() { return tables; }
}
