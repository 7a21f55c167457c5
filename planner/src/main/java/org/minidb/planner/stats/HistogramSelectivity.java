package org.minidb.planner.stats;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * PostgreSQL's ineq_histogram_selectivity and convert_to_scalar: the fraction of the histogram's population
 * below (or above) a constant, found by binary search for its bin and linear interpolation inside the bin on a
 * numeric scale (numbers as themselves, dates and timestamps as their epoch values, strings as base-N fractions
 * over the character range the bounds use).
 */
final class HistogramSelectivity {
  private HistogramSelectivity() {}

  /** The histogram's estimate in [0, 1], or -1 when there is no histogram. */
  static double inequality(ColumnStats var, boolean isGt, boolean orEqual, Object value) {
    if (!var.hasHistogram()) return -1;
    List<Object> hist = var.stats().histogram();
    int n = hist.size();
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int probe = (lo + hi) / 2;
      // hist[probe] OP const, negated for > and >=: lo ends as the number of bounds "below" the constant.
      boolean lt = ScalarSelectivity.satisfies(var, hist.get(probe), isGt, orEqual, value);
      if (isGt) lt = !lt;
      if (lt) lo = probe + 1;
      else hi = probe;
    }
    double histFrac;
    double eqSelec = 0;
    if (lo <= 0) {
      histFrac = 0.0;
    } else if (lo >= n) {
      histFrac = 1.0;
    } else {
      int i = lo;
      if (isGt == orEqual) {
        // "<" and ">=" exclude (include) the constant itself: take off (add) an equality's share.
        double otherDistinct = var.nDistinct() - var.stats().mcvValues().size();
        if (otherDistinct > 1) eqSelec = 1.0 / otherDistinct;
      }
      double binFrac = 0.5;
      double[] scaled = toScalar(value, hist.get(i - 1), hist.get(i));
      if (scaled != null) {
        double val = scaled[0];
        double low = scaled[1];
        double high = scaled[2];
        if (high <= low) binFrac = 0.5;
        else if (val <= low) binFrac = 0.0;
        else if (val >= high) binFrac = 1.0;
        else {
          binFrac = (val - low) / (high - low);
          if (Double.isNaN(binFrac) || binFrac < 0 || binFrac > 1) binFrac = 0.5;
        }
      }
      histFrac = ((i - 1) + binFrac) / (n - 1);
    }
    // histFrac estimates "x <= const"; "<" takes off the equal values, ">=" keeps them.
    double selec = isGt ? 1.0 - histFrac : histFrac;
    selec = isGt ? selec + eqSelec : selec - eqSelec;
    // The bounds are only approximate: never believe less than a hundredth of a bin (or more than all but that).
    double cutoff = 0.01 / (n - 1);
    if (selec < cutoff) selec = cutoff;
    else if (selec > 1.0 - cutoff) selec = 1.0 - cutoff;
    return selec;
  }

  /** {value, low, high} on one numeric scale, or null when the type has none. */
  static double[] toScalar(Object value, Object low, Object high) {
    if (value instanceof String v && low instanceof String l && high instanceof String h) return strings(v, l, h);
    Double a = number(value);
    Double b = number(low);
    Double c = number(high);
    return a == null || b == null || c == null ? null : new double[] {a, b, c};
  }

  private static Double number(Object v) {
    return switch (v) {
      case BigDecimal d -> d.doubleValue();
      case Number x -> x.doubleValue();
      case Boolean b -> b ? 1.0 : 0.0;
      case LocalDate d -> (double) d.toEpochDay();
      case LocalDateTime t -> (double) t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
      case Instant t -> (double) t.getEpochSecond() + t.getNano() / 1e9;
      default -> null;
    };
  }

  /** convert_string_to_scalar: strip the common prefix, then base-N fractions over the range of characters. */
  private static double[] strings(String value, String low, String high) {
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] l = low.getBytes(StandardCharsets.UTF_8);
    byte[] h = high.getBytes(StandardCharsets.UTF_8);
    int rangeLo = h.length > 0 ? h[0] & 0xff : 0;
    int rangeHi = rangeLo;
    for (byte[] s : new byte[][] {l, h}) {
      for (byte b : s) {
        rangeLo = Math.min(rangeLo, b & 0xff);
        rangeHi = Math.max(rangeHi, b & 0xff);
      }
    }
    if (rangeLo <= 'Z' && rangeHi >= 'A') {
      rangeLo = Math.min(rangeLo, 'A');
      rangeHi = Math.max(rangeHi, 'Z');
    }
    if (rangeLo <= 'z' && rangeHi >= 'a') {
      rangeLo = Math.min(rangeLo, 'a');
      rangeHi = Math.max(rangeHi, 'z');
    }
    if (rangeLo <= '9' && rangeHi >= '0') {
      rangeLo = Math.min(rangeLo, '0');
      rangeHi = Math.max(rangeHi, '9');
    }
    if (rangeHi - rangeLo < 9) {
      rangeLo = ' ';
      rangeHi = 127;
    }
    int p = 0;
    while (p < l.length && p < h.length && p < v.length && l[p] == h[p] && l[p] == v[p]) p++;
    return new double[] {one(v, p, rangeLo, rangeHi), one(l, p, rangeLo, rangeHi), one(h, p, rangeLo, rangeHi)};
  }

  private static double one(byte[] s, int from, int rangeLo, int rangeHi) {
    int len = Math.min(s.length - from, 12);
    if (len <= 0) return 0.0;
    double base = rangeHi - rangeLo + 1;
    double num = 0;
    double denom = base;
    for (int k = 0; k < len; k++) {
      int ch = s[from + k] & 0xff;
      if (ch < rangeLo) ch = rangeLo - 1;
      else if (ch > rangeHi) ch = rangeHi + 1;
      num += (ch - rangeLo) / denom;
      denom *= base;
    }
    return num;
  }
}
