package org.minidb.storage.catalog;

import java.util.List;

/**
 * A view as the catalog describes it: a pg_class row with relkind 'v' (no heap file, relfilenode 0), its
 * pg_attribute rows, its {@code _RETURN} rule in pg_rewrite and the rule's rows in pg_depend.
 *
 * <p>The query is kept as the SQL text the client wrote and planned again on every use (PostgreSQL stores the
 * analysed query tree, with every name already bound to an OID). The consequence: names in the text are
 * resolved at use, through the search path of the moment. That cannot bind them to other objects than at
 * creation while the search path is fixed ({@code public}, {@code pg_catalog}), and the dependency rows keep
 * every relation the view reads from being dropped or replaced under it (DROP without CASCADE refuses).
 * Once search_path, ALTER TABLE ... RENAME or CREATE SCHEMA exist, the text has to be stored with its names
 * qualified (or as a tree) instead.
 *
 * @param columns the view's columns, attnum from 1; types as planned at creation (the first planning decides)
 * @param definition the query text after {@code AS}, without a trailing semicolon
 * @param ruleOid pg_rewrite.oid of the view's {@code _RETURN} rule (kept by CREATE OR REPLACE)
 * @param references pg_class OIDs of the tables and views the query reads directly, in the order found
 */
public record ViewDef(long oid, long namespaceOid, String schemaName, String name, List<ColumnDef> columns,
    String definition, long ruleOid, List<Long> references) {

  /** The column with this (already case-folded) name, or null. */
  public ColumnDef column(String columnName) {
    for (ColumnDef c : columns) {
      if (c.name().equals(columnName)) return c;
    }
    return null;
  }
}
