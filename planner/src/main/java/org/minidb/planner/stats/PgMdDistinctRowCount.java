package org.minidb.planner.stats;

import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdDistinctRowCount;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Distinct-value metadata from MiniDB's statistics (PostgreSQL's estimate_num_groups for one relation): the
 * product of the grouped columns' n_distinct, at most the table's rows; under a restriction keeping {@code rows}
 * of {@code tuples}, reduced as PostgreSQL does: {@code nd * (1 - ((tuples - rows) / tuples) ^ (tuples / nd))}.
 */
public class PgMdDistinctRowCount extends RelMdDistinctRowCount {
  public static final RelMetadataProvider SOURCE = ReflectiveRelMetadataProvider.reflectiveSource(
      new PgMdDistinctRowCount(), BuiltInMetadata.DistinctRowCount.Handler.class);

  protected PgMdDistinctRowCount() {}

  public @Nullable Double getDistinctRowCount(RelSubset rel, RelMetadataQuery mq, ImmutableBitSet groupKey,
      @Nullable RexNode predicate) {
    return mq.getDistinctRowCount(Util.first(rel.getBest(), rel.getOriginal()), groupKey, predicate);
  }

  public @Nullable Double getDistinctRowCount(TableScan rel, RelMetadataQuery mq, ImmutableBitSet groupKey,
      @Nullable RexNode predicate) {
    TableStatistics t = StatisticsOf.table(rel.getTable());
    if (t == null) return super.getDistinctRowCount((RelNode) rel, mq, groupKey, predicate);
    return distinct(t, groupKey, predicate);
  }

  /** The distinct combinations of {@code groupKey}'s columns among the rows {@code predicate} keeps. */
  public static double distinct(TableStatistics t, ImmutableBitSet groupKey, @Nullable RexNode predicate) {
    double tuples = t.rows();
    if (groupKey.isEmpty()) return 1.0;
    double nd = 1.0;
    for (int field : groupKey) nd *= t.column(field).nDistinct();
    nd = Math.min(nd, tuples);
    double rows = tuples * Selectivity.restriction(predicate, t);
    if (rows < tuples && nd > 0) {
      nd *= 1.0 - Math.pow((tuples - rows) / tuples, tuples / nd);
    }
    return Math.max(1.0, Math.min(Math.rint(nd), Math.max(1.0, rows)));
  }
}
