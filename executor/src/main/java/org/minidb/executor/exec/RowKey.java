package org.minidb.executor.exec;

import java.util.Arrays;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.common.types.ValueComparator;

/**
 * A hash key made of some columns of a row, normalized so that values PostgreSQL considers equal are equal
 * here ({@link ValueComparator#hashKey}): numeric 1.0 and 1.00, float -0 and 0, char(n) padding.
 */
record RowKey(Object[] values) {
  @Override
  public boolean equals(Object o) { return o instanceof RowKey k && Arrays.equals(values, k.values); }

  @Override
  public int hashCode() { return Arrays.hashCode(values); }

  /** Builds keys from fixed columns of rows whose layout is {@code types}. */
  static final class Extractor {
    private final int[] columns;
    private final PgType[] types;

    Extractor(int[] columns, List<DataType> rowTypes) {
      this.columns = columns.clone();
      this.types = new PgType[columns.length];
      for (int i = 0; i < columns.length; i++) types[i] = rowTypes.get(columns[i]).type();
    }

    RowKey key(Object[] row) {
      Object[] v = new Object[columns.length];
      for (int i = 0; i < v.length; i++) v[i] = ValueComparator.hashKey(types[i], row[columns[i]]);
      return new RowKey(v);
    }

    /**
     * The hash-table key of a row: with one key column its normalized value itself (equal exactly when the
     * one-element RowKeys would be, and without allocating one per row), else a {@link RowKey}.
     */
    Object hashKey(Object[] row) {
      return columns.length == 1 ? ValueComparator.hashKey(types[0], row[columns[0]]) : key(row);
    }

    /** True if any key column of the row is NULL (such a row never joins). */
    boolean hasNull(Object[] row) {
      for (int c : columns) {
        if (row[c] == null) return true;
      }
      return false;
    }
  }
}
