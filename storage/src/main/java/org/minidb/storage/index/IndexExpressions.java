package org.minidb.storage.index;

import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;

/**
 * What storage cannot compute itself for an expression or partial index: the values of its expression keys and
 * the truth of its predicate for a table row (PostgreSQL's FormIndexDatum and ExecQual on the index's
 * ii_Expressions / ii_Predicate). Storage knows no SQL (the dependency rule), so the layer that does (sql, with the
 * planner and executor) installs a {@link Compiler} in the storage engine when it opens it; everything that makes
 * entries from rows (inserts, updates, CREATE INDEX, bt_index_check) asks it. VACUUM and crash recovery never
 * need it: VACUUM deletes the entries of dead tids by a scan of the index, recovery replays pages.
 */
public interface IndexExpressions {
  /** The values of the index's expression keys (attnum 0 keys, in order) for a row in table column order. */
  Object[] keys(Object[] row);

  /** Whether the row belongs in a partial index (true when the index has no predicate). */
  boolean predicate(Object[] row);

  /** Compiles the expressions of one index of a table; the result is immutable and thread-safe. */
  @FunctionalInterface
  interface Compiler {
    IndexExpressions compile(TableDef table, IndexDef index);
  }

  /**
   * The index's expressions compiled on first use: opening a table for VACUUM (which never computes keys) then
   * costs nothing and works before the SQL layer installs its compiler (autovacuum may start first).
   */
  static IndexExpressions lazy(Compiler compiler, TableDef table, IndexDef index) {
    return new IndexExpressions() {
      private volatile IndexExpressions compiled;

      private IndexExpressions get() {
        IndexExpressions c = compiled;
        if (c == null) compiled = c = compiler.compile(table, index);
        return c;
      }

      @Override public Object[] keys(Object[] row) { return get().keys(row); }

      @Override public boolean predicate(Object[] row) { return get().predicate(row); }
    };
  }

  /** Where no SQL layer installed a compiler (storage's own tools and tests): indexes with expressions fail. */
  Compiler NONE = (table, index) -> {
    throw new IllegalStateException("index \"" + index.name() + "\" has expressions or a predicate, and no SQL"
        + " layer is there to evaluate them");
  };
}
