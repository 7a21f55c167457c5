package org.minidb.planner.stats;

import java.util.List;
import org.minidb.storage.catalog.ColumnStatistics;

/**
 * PostgreSQL's restriction estimators for one column against a constant (selfuncs.c): var_eq_const,
 * var_eq_non_const, scalarineqsel with its MCV and histogram parts, nulltestsel and boolvarsel. Every result is a
 * fraction of the table's rows in [0, 1].
 */
public final class ScalarSelectivity {
  private ScalarSelectivity() {}

  /** PostgreSQL's DEFAULT_EQ_SEL. */
  public static final double DEFAULT_EQ_SEL = 0.005;
  /** PostgreSQL's DEFAULT_INEQ_SEL. */
  public static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;
  /** PostgreSQL's DEFAULT_RANGE_INEQ_SEL. */
  public static final double DEFAULT_RANGE_INEQ_SEL = 0.005;
  /** PostgreSQL's DEFAULT_UNK_SEL and DEFAULT_NOT_UNK_SEL (IS NULL, IS NOT NULL without statistics). */
  public static final double DEFAULT_UNK_SEL = 0.005;
  public static final double DEFAULT_NOT_UNK_SEL = 1.0 - DEFAULT_UNK_SEL;
  /** The selectivity of a clause the estimators do not understand (clause_selectivity's default). */
  public static final double DEFAULT_UNKNOWN_CLAUSE = 0.5;

  static double clamp(double s) { return Double.isNaN(s) ? 0.0 : Math.clamp(s, 0.0, 1.0); }

  /** {@code var = const} (var_eq_const); a null constant matches nothing. */
  public static double eqConst(ColumnStats var, Object value) {
    if (value == null) return 0.0;
    if (var.unique() && var.tuples() >= 1.0) return 1.0 / var.tuples();
    ColumnStatistics s = var.stats();
    if (s == null) return 1.0 / var.nDistinct();
    List<Object> mcv = s.mcvValues();
    for (int i = 0; i < mcv.size(); i++) {
      if (var.compare(mcv.get(i), value) == 0) return s.mcvFreqs()[i];
    }
    // Not an MCV: the rest of the non-null rows shared evenly by the other distinct values, and no more than
    // the least common MCV.
    double selec = clamp(1.0 - s.mcvTotal() - s.nullFrac());
    double otherDistinct = var.nDistinct() - mcv.size();
    if (otherDistinct > 1) selec /= otherDistinct;
    if (!mcv.isEmpty() && selec > s.mcvFreqs()[mcv.size() - 1]) selec = s.mcvFreqs()[mcv.size() - 1];
    return clamp(selec);
  }

  /** {@code var = $1} or another expression unknown at planning time (var_eq_non_const). */
  public static double eqNonConst(ColumnStats var) {
    if (var.unique() && var.tuples() >= 1.0) return 1.0 / var.tuples();
    double selec = (1.0 - var.nullFrac()) / var.nDistinct();
    ColumnStatistics s = var.stats();
    if (s != null && s.mcvFreqs().length > 0 && selec > s.mcvFreqs()[0]) selec = s.mcvFreqs()[0];
    return clamp(selec);
  }

  /** {@code var <> const} (neqsel): the non-null rows that are not equal. */
  public static double neConst(ColumnStats var, Object value) {
    if (value == null) return 0.0;
    return clamp(1.0 - eqConst(var, value) - var.nullFrac());
  }

  /**
   * {@code var < const} ({@code isGt} false) or {@code var > const}, with {@code orEqual} for {@code <=} and
   * {@code >=} (scalarineqsel): the MCVs that satisfy it exactly, plus the histogram's estimate for the others.
   */
  public static double inequality(ColumnStats var, boolean isGt, boolean orEqual, Object value) {
    if (value == null) return 0.0;
    ColumnStatistics s = var.stats();
    if (s == null) return DEFAULT_INEQ_SEL;
    double mcvSelec = 0;
    double sumCommon = 0;
    List<Object> mcv = s.mcvValues();
    for (int i = 0; i < mcv.size(); i++) {
      sumCommon += s.mcvFreqs()[i];
      if (satisfies(var, mcv.get(i), isGt, orEqual, value)) mcvSelec += s.mcvFreqs()[i];
    }
    double histSelec = HistogramSelectivity.inequality(var, isGt, orEqual, value);
    double selec = 1.0 - s.nullFrac() - sumCommon;
    selec *= histSelec >= 0 ? histSelec : 0.5;
    return clamp(selec + mcvSelec);
  }

  static boolean satisfies(ColumnStats var, Object v, boolean isGt, boolean orEqual, Object constant) {
    int c = var.compare(v, constant);
    return isGt ? (orEqual ? c >= 0 : c > 0) : (orEqual ? c <= 0 : c < 0);
  }

  /** {@code var IS NULL} or, with {@code not}, {@code IS NOT NULL} (nulltestsel). */
  public static double isNull(ColumnStats var, boolean not) {
    if (var.stats() == null) return not ? DEFAULT_NOT_UNK_SEL : DEFAULT_UNK_SEL;
    return clamp(not ? 1.0 - var.nullFrac() : var.nullFrac());
  }

  /** A boolean column used as a condition (boolvarsel): {@code var = true}, or 0.5 without statistics. */
  public static double boolVar(ColumnStats var) {
    return var.stats() == null ? 0.5 : eqConst(var, Boolean.TRUE);
  }
}
