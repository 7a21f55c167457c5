package org.minidb.storage.catalog;

import org.minidb.common.types.DataType;

/**
 * One column of a table, as pg_attribute (and pg_attrdef for the default) keep it.
 *
 * @param attnum 1-based column number (pg_attribute.attnum)
 * @param defaultExpr the DEFAULT expression as SQL text (re-planned by the planner when used), or null
 */
public record ColumnDef(String name, int attnum, DataType type, boolean notNull, String defaultExpr) {}
