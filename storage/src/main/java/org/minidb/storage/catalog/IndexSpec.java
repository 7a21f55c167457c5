package org.minidb.storage.catalog;

import java.util.List;

/**
 * An index to create (CREATE INDEX, or a PRIMARY KEY / UNIQUE constraint of CREATE TABLE): its name already
 * chosen, its key columns by name.
 *
 * @param constraint 'p' (PRIMARY KEY), 'u' (UNIQUE constraint) or 0 (a plain index, CREATE [UNIQUE] INDEX)
 */
public record IndexSpec(String name, List<Column> columns, boolean unique, char constraint) {
  /** A key column by (case-folded) name, with ASC/DESC and NULLS FIRST/LAST. */
  public record Column(String name, boolean descending, boolean nullsFirst) {}

  public boolean primary() { return constraint == 'p'; }
}
