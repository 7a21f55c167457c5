package org.minidb.planner.catalog;

import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.minidb.storage.catalog.TableDef;

/** One PostgreSQL schema (namespace) of a statement's catalog view, as a Calcite schema. */
final class MiniDbSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  MiniDbSchema(Map<String, TableDef> defs) {
    Map<String, Table> m = new HashMap<>();
    defs.forEach((name, def) -> m.put(name, new MiniDbTable(def)));
    this.tables = m;
  }

  @Override
  protected Map<String, Table> getTableMap() { return tables; }
}
