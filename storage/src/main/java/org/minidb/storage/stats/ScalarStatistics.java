package org.minidb.storage.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.minidb.common.types.PgType;
import org.minidb.common.types.ValueComparator;
import org.minidb.storage.catalog.ColumnStatistics;

/**
 * PostgreSQL's compute_scalar_stats (analyze.c) for one column of a sample: null fraction, average width,
 * n_distinct by the Haas-Stokes estimator, the most common values, a histogram of the rest and the correlation
 * between physical and sorted order. Every MiniDB type has a total order, so the scalar path is the only one.
 * When the sample is the whole table the results equal PostgreSQL's exactly.
 */
public final class ScalarStatistics {
  private ScalarStatistics() {}

  /** A sampled non-null value and its position among the sample's non-null values (PostgreSQL's tupno). */
  private record Item(Object value, int tupno) {}

  /** An MCV candidate: its count and the index of its first item in sorted order. */
  private record Track(int count, int first) {}

  /**
   * @param values the column's values in the sample, in physical order, nulls included
   * @param totalRows the table's estimated live rows (equal to {@code values.size()} when read whole)
   * @param target the statistics target (default_statistics_target): at most this many MCVs and histogram bins
   */
  public static ColumnStatistics compute(int attnum, PgType type, List<Object> values, double totalRows, int target) {
    int sampleRows = values.size();
    List<Item> items = new ArrayList<>(sampleRows);
    double totalWidth = 0;
    int nullCount = 0;
    for (Object v : values) {
      if (v == null) {
        nullCount++;
        continue;
      }
      totalWidth += DatumWidth.of(type, v);
      items.add(new Item(v, items.size()));
    }
    int nonNull = items.size();
    float nullFrac = sampleRows == 0 ? 0f : (float) ((double) nullCount / sampleRows);
    if (nonNull == 0) {
      // Every sampled value is NULL: PostgreSQL stores the null fraction, width 0 (varlena) and n_distinct 0.
      return new ColumnStatistics(attnum, nullFrac, type.typlen() > 0 ? type.typlen() : 0, 0f, List.of(),
          new float[0], List.of(), null);
    }
    int width = type.typlen() > 0 ? type.typlen() : (int) (totalWidth / nonNull);
    Comparator<Object> cmp = ValueComparator.forType(type);
    // Ties keep their physical order, as PostgreSQL's compare_scalars does with tupno.
    items.sort((a, b) -> {
      int c = cmp.compare(a.value, b.value);
      return c != 0 ? c : Integer.compare(a.tupno, b.tupno);
    });

    // Distinct values, those seen more than once, and the most frequent of them (stable among equal counts).
    Track[] track = new Track[target];
    int trackCount = 0;
    int nDistinct = 0;
    int nMultiple = 0;
    double xySum = 0;
    int dups = 0;
    for (int i = 0; i < nonNull; i++) {
      xySum += (double) i * items.get(i).tupno;
      dups++;
      if (i == nonNull - 1 || cmp.compare(items.get(i).value, items.get(i + 1).value) != 0) {
        nDistinct++;
        if (dups > 1) {
          nMultiple++;
          if (trackCount < target || dups > track[trackCount - 1].count) {
            if (trackCount < target) trackCount++;
            int j;
            for (j = trackCount - 1; j > 0 && dups > track[j - 1].count; j--) track[j] = track[j - 1];
            track[j] = new Track(dups, i + 1 - dups);
          }
        }
        dups = 0;
      }
    }

    double stadistinct;
    if (nMultiple == 0) {
      stadistinct = -1.0 * (1.0 - nullFrac); // every value unique: assume the column is unique
    } else if (nMultiple == nDistinct) {
      stadistinct = nDistinct; // every value seen more than once: assume all values were seen
    } else {
      stadistinct = haasStokes(nDistinct - nMultiple, nMultiple, nonNull, totalRows * (1.0 - nullFrac));
    }
    if (stadistinct > 0.1 * totalRows) stadistinct = -(stadistinct / totalRows);

    int numMcv = target;
    if (trackCount == nDistinct && stadistinct > 0 && trackCount <= numMcv) {
      numMcv = trackCount; // the track list holds every value and they all fit
    } else {
      numMcv = Math.min(numMcv, trackCount);
      if (numMcv > 0) {
        int[] counts = new int[numMcv];
        for (int i = 0; i < numMcv; i++) counts[i] = track[i].count;
        numMcv = McvList.significant(counts, numMcv, stadistinct, nullFrac, sampleRows, totalRows);
      }
    }
    List<Object> mcv = new ArrayList<>(numMcv);
    float[] freqs = new float[numMcv];
    for (int i = 0; i < numMcv; i++) {
      mcv.add(items.get(track[i].first).value);
      freqs[i] = (float) ((double) track[i].count / sampleRows);
    }

    List<Object> histogram = histogram(items, Arrays.copyOf(track, numMcv), nDistinct - numMcv, target);
    Float correlation = null;
    if (nonNull > 1) {
      double n = nonNull;
      double xSum = (n - 1) * n / 2.0;
      double x2Sum = (n - 1) * n * (2 * n - 1) / 6.0;
      correlation = (float) ((n * xySum - xSum * xSum) / (n * x2Sum - xSum * xSum));
    }
    return new ColumnStatistics(attnum, nullFrac, width, (float) stadistinct, List.copyOf(mcv), freqs,
        histogram, correlation);
  }

  /**
   * Haas and Stokes' Duj1 estimator (1998), as analyze.c: n*d / (n - f1 + f1*n/N) with f1 the values seen
   * exactly once, d the distinct values of the sample of n non-null values, N the table's non-null rows;
   * clamped to [d, N] and rounded.
   */
  static double haasStokes(int f1, int nMultiple, int n, double bigN) {
    int d = f1 + nMultiple;
    double est = bigN > 0 ? ((double) n * d) / ((n - f1) + (double) f1 * n / bigN) : 0;
    if (est < d) est = d;
    if (est > bigN) est = bigN;
    return Math.floor(est + 0.5);
  }

  /**
   * Histogram bounds over the sorted values without the MCVs: {@code min(numHist, target + 1)} values at equal
   * distances (PostgreSQL's integer stepping with a carried remainder), none when fewer than two.
   */
  private static List<Object> histogram(List<Item> sorted, Track[] mcvs, int numHist, int target) {
    if (numHist > target) numHist = target + 1;
    if (numHist < 2) return List.of();
    Track[] byPosition = mcvs.clone();
    Arrays.sort(byPosition, Comparator.comparingInt(Track::first));
    List<Object> rest = new ArrayList<>(sorted.size());
    int next = 0;
    for (int i = 0; i < sorted.size(); ) {
      if (next < byPosition.length && byPosition[next].first == i) {
        i += byPosition[next++].count;
      } else {
        rest.add(sorted.get(i++).value);
      }
    }
    int nvals = rest.size();
    int delta = (nvals - 1) / (numHist - 1);
    int deltaFrac = (nvals - 1) % (numHist - 1);
    int pos = 0;
    int posFrac = 0;
    List<Object> bounds = new ArrayList<>(numHist);
    for (int i = 0; i < numHist; i++) {
      bounds.add(rest.get(pos));
      pos += delta;
      posFrac += deltaFrac;
      if (posFrac >= numHist - 1) {
        pos++;
        posFrac -= numHist - 1;
      }
    }
    return List.copyOf(bounds);
  }
}
