package org.minidb.planner.stats;

import java.util.List;
import org.minidb.storage.catalog.ColumnStatistics;

/**
 * PostgreSQL's eqjoinsel for an inner equi-join {@code a.x = b.y}: with MCV lists on both sides, the matching
 * MCV pairs give their exact share and the remainder is spread over the other distinct values; otherwise
 * {@code (1 - nullfrac1) * (1 - nullfrac2) / max(nd1, nd2)}.
 */
public final class JoinSelectivity {
  private JoinSelectivity() {}

  public static double equiJoin(ColumnStats left, ColumnStats right) {
    double nd1 = left.nDistinct();
    double nd2 = right.nDistinct();
    if (left.hasMcv() && right.hasMcv()) return withMcvs(left.stats(), right.stats(), left, nd1, nd2);
    double selec = (1.0 - left.nullFrac()) * (1.0 - right.nullFrac());
    return ScalarSelectivity.clamp(selec / Math.max(nd1, nd2));
  }

  /** {@code a.x <> b.y}: the complement of the equality among non-null pairs (neqjoinsel). */
  public static double notEquiJoin(ColumnStats left, ColumnStats right) {
    return ScalarSelectivity.clamp((1.0 - left.nullFrac()) * (1.0 - right.nullFrac()) - equiJoin(left, right));
  }

  private static double withMcvs(ColumnStatistics s1, ColumnStatistics s2, ColumnStats col, double nd1, double nd2) {
    List<Object> v1 = s1.mcvValues();
    List<Object> v2 = s2.mcvValues();
    float[] n1 = s1.mcvFreqs();
    float[] n2 = s2.mcvFreqs();
    boolean[] match1 = new boolean[v1.size()];
    boolean[] match2 = new boolean[v2.size()];
    double matchProdFreq = 0;
    int nMatches = 0;
    for (int i = 0; i < v1.size(); i++) {
      for (int j = 0; j < v2.size(); j++) {
        if (match2[j] || col.compare(v1.get(i), v2.get(j)) != 0) continue;
        match1[i] = true;
        match2[j] = true;
        matchProdFreq += (double) n1[i] * n2[j];
        nMatches++;
        break;
      }
    }
    matchProdFreq = ScalarSelectivity.clamp(matchProdFreq);
    double matchFreq1 = 0;
    double unmatchFreq1 = 0;
    for (int i = 0; i < v1.size(); i++) {
      if (match1[i]) matchFreq1 += n1[i];
      else unmatchFreq1 += n1[i];
    }
    double matchFreq2 = 0;
    double unmatchFreq2 = 0;
    for (int j = 0; j < v2.size(); j++) {
      if (match2[j]) matchFreq2 += n2[j];
      else unmatchFreq2 += n2[j];
    }
    double otherFreq1 = ScalarSelectivity.clamp(1.0 - s1.nullFrac() - matchFreq1 - unmatchFreq1);
    double otherFreq2 = ScalarSelectivity.clamp(1.0 - s2.nullFrac() - matchFreq2 - unmatchFreq2);
    double totalSel1 = matchProdFreq;
    if (nd2 > v2.size()) totalSel1 += unmatchFreq1 * otherFreq2 / (nd2 - v2.size());
    if (nd2 > nMatches) totalSel1 += otherFreq1 * (otherFreq2 + unmatchFreq2) / (nd2 - nMatches);
    double totalSel2 = matchProdFreq;
    if (nd1 > v1.size()) totalSel2 += unmatchFreq2 * otherFreq1 / (nd1 - v1.size());
    if (nd1 > nMatches) totalSel2 += otherFreq2 * (otherFreq1 + unmatchFreq1) / (nd1 - nMatches);
    return ScalarSelectivity.clamp(Math.min(totalSel1, totalSel2));
  }
}
