package org.minidb.storage.catalog;

import java.util.List;
import org.minidb.common.types.DataType;

/**
 * An index to create (CREATE INDEX, or a PRIMARY KEY / UNIQUE constraint of CREATE TABLE): its name already
 * chosen, its key columns by name or as expressions, its INCLUDE columns, its predicate.
 *
 * @param include INCLUDE columns by (case-folded) name
 * @param predicate the WHERE of a partial index as SQL text (already checked by the planner), or null
 * @param constraint 'p' (PRIMARY KEY), 'u' (UNIQUE constraint) or 0 (a plain index, CREATE [UNIQUE] INDEX)
 */
public record IndexSpec(String name, List<Column> columns, boolean unique, char constraint, List<String> include,
    String predicate) {
  public IndexSpec(String name, List<Column> columns, boolean unique, char constraint) {
    this(name, columns, unique, constraint, List.of(), null);
  }

  /**
   * A key column by (case-folded) name, or an expression (name null: {@code expression} is its SQL text and
   * {@code type} its result type, both from the planner), with ASC/DESC and NULLS FIRST/LAST.
   */
  public record Column(String name, boolean descending, boolean nullsFirst, String expression, DataType type) {
    public Column(String name, boolean descending, boolean nullsFirst) { this(name, descending, nullsFirst, null, null); }

    public boolean isExpression() { return expression != null; }
  }

  public boolean primary() { return constraint == 'p'; }
}
