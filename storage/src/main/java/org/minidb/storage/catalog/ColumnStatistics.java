package org.minidb.storage.catalog;

import java.util.List;

/**
 * What ANALYZE keeps about one column (a pg_statistic row, PostgreSQL's compute_scalar_stats output).
 *
 * @param attnum the column's attnum
 * @param nullFrac stanullfrac: the fraction of rows whose value is NULL
 * @param width stawidth: average stored width in bytes of the non-null values
 * @param nDistinct stadistinct: &gt; 0 the number of distinct non-null values; &lt; 0 minus that number divided
 *     by the row count (it scales with the table); 0 unknown
 * @param mcvValues most common values, most common first (typed values of the column's type); empty if none
 * @param mcvFreqs their frequencies as fractions of all rows (nulls included), same order, float4 as PostgreSQL
 * @param histogram histogram bounds over the values not in the MCV list, ascending; empty if none
 * @param correlation the correlation between physical and logical order, or null when not computed
 */
public record ColumnStatistics(int attnum, float nullFrac, int width, float nDistinct, List<Object> mcvValues,
    float[] mcvFreqs, List<Object> histogram, Float correlation) {

  public ColumnStatistics {
    if (mcvValues.size() != mcvFreqs.length) throw new IllegalArgumentException("MCV values and frequencies differ");
  }

  /** Sum of the MCV frequencies. */
  public double mcvTotal() {
    double s = 0;
    for (float f : mcvFreqs) s += f;
    return s;
  }
}
