package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.types.PgType;
import org.minidb.common.types.TextFormat;

/**
 * pg_statistic rows to and from {@link ColumnStatistics}. Slots are filled in PostgreSQL's order, without gaps:
 * most common values (stakind 1: stavalues the values, stanumbers their frequencies), histogram (stakind 2:
 * stavalues the bounds), correlation (stakind 3: stanumbers one number). staopN is left 0 (MiniDB has no
 * pg_operator); stacollN is the column's collation, as PostgreSQL records it.
 */
public final class StatisticRows {
  private StatisticRows() {}

  public static final int STATISTIC_KIND_MCV = 1;
  public static final int STATISTIC_KIND_HISTOGRAM = 2;
  public static final int STATISTIC_KIND_CORRELATION = 3;

  private static final SystemTable T = SystemCatalogs.PG_STATISTIC;

  static Object[] row(long relOid, PgType type, ColumnStatistics s) {
    List<Object> pairs = new ArrayList<>(List.of("starelid", relOid, "staattnum", (short) s.attnum(),
        "stainherit", false, "stanullfrac", s.nullFrac(), "stawidth", s.width(), "stadistinct", s.nDistinct()));
    int slot = 1;
    long collation = CatalogRows.collation(type);
    if (!s.mcvValues().isEmpty()) {
      slot(pairs, slot++, STATISTIC_KIND_MCV, collation, numbers(s.mcvFreqs()), values(type, s.mcvValues()));
    }
    if (!s.histogram().isEmpty()) {
      slot(pairs, slot++, STATISTIC_KIND_HISTOGRAM, collation, null, values(type, s.histogram()));
    }
    if (s.correlation() != null) {
      slot(pairs, slot, STATISTIC_KIND_CORRELATION, collation, numbers(new float[] {s.correlation()}), null);
    }
    return T.row(pairs.toArray());
  }

  private static void slot(List<Object> pairs, int n, int kind, long collation, String numbers, String values) {
    pairs.addAll(List.of("stakind" + n, (short) kind, "stacoll" + n, collation));
    if (numbers != null) pairs.addAll(List.of("stanumbers" + n, numbers));
    if (values != null) pairs.addAll(List.of("stavalues" + n, values));
  }

  /** A float4[] in PostgreSQL's output form. */
  public static String numbers(float[] values) {
    List<String> text = new ArrayList<>(values.length);
    for (float f : values) text.add(TextFormat.format(PgType.FLOAT4, f));
    return ArrayText.format(text);
  }

  /** An array of the column's type in PostgreSQL's output form. */
  public static String values(PgType type, List<Object> values) {
    List<String> text = new ArrayList<>(values.size());
    for (Object v : values) text.add(TextFormat.format(type, v));
    return ArrayText.format(text);
  }

  static long relOid(Object[] row) { return (Long) row[T.index("starelid")]; }

  static int attnum(Object[] row) { return (Short) row[T.index("staattnum")]; }

  /** The statistics of a row whose column has {@code type}. */
  static ColumnStatistics decode(Object[] row, PgType type) {
    List<Object> mcv = List.of();
    float[] freqs = new float[0];
    List<Object> histogram = List.of();
    Float correlation = null;
    for (int n = 1; n <= 5; n++) {
      int kind = (Short) row[T.index("stakind" + n)];
      String numbers = (String) row[T.index("stanumbers" + n)];
      String values = (String) row[T.index("stavalues" + n)];
      switch (kind) {
        case STATISTIC_KIND_MCV -> {
          mcv = parseValues(type, values);
          freqs = parseNumbers(numbers);
        }
        case STATISTIC_KIND_HISTOGRAM -> histogram = parseValues(type, values);
        case STATISTIC_KIND_CORRELATION -> correlation = parseNumbers(numbers)[0];
        default -> { }
      }
    }
    return new ColumnStatistics(attnum(row), (Float) row[T.index("stanullfrac")], (Integer) row[T.index("stawidth")],
        (Float) row[T.index("stadistinct")], mcv, freqs, histogram, correlation);
  }

  private static List<Object> parseValues(PgType type, String text) {
    List<Object> out = new ArrayList<>();
    for (String e : ArrayText.parse(text)) out.add(TextFormat.parse(type, e));
    return List.copyOf(out);
  }

  private static float[] parseNumbers(String text) {
    List<String> items = ArrayText.parse(text);
    float[] out = new float[items.size()];
    for (int i = 0; i < out.length; i++) out[i] = Float.parseFloat(items.get(i));
    return out;
  }
}
