package org.minidb.planner.stats;

import java.math.BigDecimal;
import java.util.Comparator;
import org.minidb.common.types.PgType;
import org.minidb.common.types.ValueComparator;
import org.minidb.storage.catalog.ColumnStatistics;

/**
 * One column of one table as the estimators see it (PostgreSQL's VariableStatData): its pg_statistic row (null
 * when never analyzed), its type, the table's row count, and whether a single-column unique index covers it.
 */
public record ColumnStats(ColumnStatistics stats, PgType type, double tuples, boolean unique) {
  /** PostgreSQL's DEFAULT_NUM_DISTINCT: the distinct values assumed of a column without statistics. */
  public static final double DEFAULT_NUM_DISTINCT = 200;

  /** A column no statistics know about (an expression, or a table never analyzed). */
  public static ColumnStats unknown(PgType type, double tuples) { return new ColumnStats(null, type, tuples, false); }

  public double nullFrac() { return stats == null ? 0 : stats.nullFrac(); }

  /**
   * PostgreSQL's get_variable_numdistinct: the distinct non-null values, from stadistinct (negative: a fraction
   * of the rows), 1 per row for a unique column, 2 for a boolean, else {@link #DEFAULT_NUM_DISTINCT} (or the row
   * count when smaller); {@link #isDefaultNumDistinct()} tells the last case.
   */
  public double nDistinct() {
    double stadistinct = 0;
    if (unique) {
      stadistinct = -1.0 * (1.0 - nullFrac());
    } else if (stats != null) {
      stadistinct = stats.nDistinct();
    } else if (type == PgType.BOOL) {
      stadistinct = 2;
    }
    if (stadistinct > 0) return clampRows(stadistinct);
    if (stadistinct < 0 && tuples > 0) return clampRows(-stadistinct * tuples);
    if (tuples > 0 && tuples < DEFAULT_NUM_DISTINCT) return clampRows(tuples);
    return DEFAULT_NUM_DISTINCT;
  }

  /** Whether {@link #nDistinct()} is only PostgreSQL's default guess. */
  public boolean isDefaultNumDistinct() {
    return !unique && (stats == null || stats.nDistinct() == 0) && type != PgType.BOOL
        && !(tuples > 0 && tuples < DEFAULT_NUM_DISTINCT);
  }

  private double clampRows(double n) {
    double r = Math.rint(n);
    if (tuples > 0 && r > tuples) r = tuples;
    return Math.max(1.0, r);
  }

  public boolean hasMcv() { return stats != null && !stats.mcvValues().isEmpty(); }

  public boolean hasHistogram() { return stats != null && stats.histogram().size() >= 2; }

  /** Compares two values of this column's type; numbers of different Java classes compare by value. */
  public int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
      if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    Comparator<Object> c = ValueComparator.forType(type);
    return c.compare(a, b);
  }
}
