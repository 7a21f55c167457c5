package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.storage.tx.Transaction;

/**
 * The system views made at bootstrap, as SQL over the system tables (re-planned at each use like any view).
 * pg_stats is PostgreSQL's view of pg_statistic: the slot holding each kind of statistic is picked by stakindN.
 * Its array columns are text in PostgreSQL's array output form (MiniDB has no array types yet).
 */
final class SystemViews {
  private SystemViews() {}

  /** Fixed OIDs below FirstNormalObjectId: pinned like the rest of the bootstrap catalog. */
  static final long PG_STATS = 12_000;
  static final long PG_STATS_RULE = 12_001;

  static void create(HeapCatalog catalog, Transaction tx) {
    List<ColumnDef> columns = new ArrayList<>();
    Object[] pairs = {"schemaname", DataType.NAME, "tablename", DataType.NAME, "attname", DataType.NAME,
        "inherited", DataType.BOOL, "null_frac", DataType.FLOAT4, "avg_width", DataType.INT4,
        "n_distinct", DataType.FLOAT4, "most_common_vals", DataType.TEXT, "most_common_freqs", DataType.TEXT,
        "histogram_bounds", DataType.TEXT, "correlation", DataType.FLOAT4};
    for (int i = 0; i < pairs.length; i += 2) {
      columns.add(new ColumnDef((String) pairs[i], i / 2 + 1, (DataType) pairs[i + 1], false, null));
    }
    String sql = "SELECT n.nspname AS schemaname, c.relname AS tablename, a.attname AS attname,"
        + " s.stainherit AS inherited, s.stanullfrac AS null_frac, s.stawidth AS avg_width,"
        + " s.stadistinct AS n_distinct, " + slot("stavalues", 1) + " AS most_common_vals, "
        + slot("stanumbers", 1) + " AS most_common_freqs, " + slot("stavalues", 2) + " AS histogram_bounds, "
        + "CAST(replace(replace(" + slot("stanumbers", 3) + ", '{', ''), '}', '') AS real) AS correlation"
        + " FROM pg_catalog.pg_statistic s JOIN pg_catalog.pg_class c ON c.oid = s.starelid"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = s.staattnum"
        + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE NOT a.attisdropped";
    ViewDdl.create(catalog, tx, "pg_catalog", "pg_stats", columns, sql, List.of(), false, PG_STATS, PG_STATS_RULE);
  }

  /** {@code CASE WHEN s.stakind1 = kind THEN s.<column>1 ... END}. */
  private static String slot(String column, int kind) {
    StringBuilder b = new StringBuilder("CASE");
    for (int n = 1; n <= 5; n++) {
      b.append(" WHEN s.stakind").append(n).append(" = ").append(kind).append(" THEN s.").append(column).append(n);
    }
    return b.append(" END").toString();
  }
}
