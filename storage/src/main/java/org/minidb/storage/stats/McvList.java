package org.minidb.storage.stats;

/**
 * PostgreSQL's analyze_mcv_list: how many of the most common sample values deserve the MCV list. A value stays
 * only when its sample count is significantly (two standard deviations of the hypergeometric distribution)
 * above what it would get as one of the "other" values. A sample that is the whole table keeps them all.
 */
final class McvList {
  private McvList() {}

  static int significant(int[] counts, int numMcv, double stadistinct, double nullFrac, int sampleRows,
      double totalRows) {
    if (sampleRows == totalRows) return numMcv;
    double ndistinctTable = stadistinct < 0 ? -stadistinct * totalRows : stadistinct;
    double sumCount = 0;
    for (int i = 0; i < numMcv - 1; i++) sumCount += counts[i];
    while (numMcv > 0) {
      double selec = Math.clamp(1.0 - sumCount / sampleRows - nullFrac, 0.0, 1.0);
      double otherDistinct = ndistinctTable - (numMcv - 1);
      if (otherDistinct > 1) selec /= otherDistinct;
      double bigN = totalRows;
      double n = sampleRows;
      double k = bigN * counts[numMcv - 1] / n;
      double variance = n * k * (bigN - k) * (bigN - n) / (bigN * bigN * (bigN - 1));
      double stddev = Math.sqrt(variance);
      if (counts[numMcv - 1] > selec * sampleRows + 2 * stddev + 0.5) break;
      numMcv--;
      if (numMcv == 0) break;
      sumCount -= counts[numMcv - 1];
    }
    return numMcv;
  }
}
