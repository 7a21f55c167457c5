package org.minidb.planner.stats;

import java.util.List;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;

/**
 * The metadata provider of every MiniDB cluster: MiniDB's selectivity and distinct-count handlers first, then
 * Calcite's defaults. Row counts need no handler of their own: a table scan's comes from
 * {@link org.minidb.planner.catalog.MiniDbTable}'s statistic (reltuples), filters and joins multiply their
 * inputs' by these selectivities through Calcite's RelMdRowCount.
 */
public final class PgRelMetadata {
  private PgRelMetadata() {}

  public static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
      PgMdSelectivity.SOURCE, PgMdDistinctRowCount.SOURCE, DefaultRelMetadataProvider.INSTANCE));
}
