package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;

/**
 * Index Scan of a B-tree over a key range, fetching each tuple from the heap (EXPLAIN: {@code Index Scan using
 * t_pkey on t}, {@code Index Cond:}, {@code Filter:}). The range: the leading key columns equal to {@code equal}
 * (one value per column), then optionally the next key column between {@code lower} and {@code upper} — in key
 * order, so for a DESC column the planner has swapped the SQL bounds. Bound expressions read no row (constants
 * and parameters); a NULL bound means no rows. {@code filter} is the scan's whole condition, re-checked on every
 * tuple. Output as {@link SeqScanNode}'s: the table's columns, then the tid when {@code withTid}.
 *
 * @param lower null when unbounded below
 * @param upper null when unbounded above
 * @param backward the range is read in descending key order (EXPLAIN: {@code Index Scan Backward}); the bounds
 *     stay in key order
 */
public record IndexScanNode(TableDef table, IndexDef index, List<Expr> equal, Expr lower, boolean lowerInclusive,
    Expr upper, boolean upperInclusive, Expr filter, boolean withTid, boolean backward) implements PlanNode {
  /** A forward scan. */
  public IndexScanNode(TableDef table, IndexDef index, List<Expr> equal, Expr lower, boolean lowerInclusive,
      Expr upper, boolean upperInclusive, Expr filter, boolean withTid) {
    this(table, index, equal, lower, lowerInclusive, upper, upperInclusive, filter, withTid, false);
  }

  /** The same scan with another filter (EXPLAIN ANALYZE's counting one). */
  public IndexScanNode withFilter(Expr filter) {
    return new IndexScanNode(table, index, equal, lower, lowerInclusive, upper, upperInclusive, filter, withTid,
        backward);
  }

  @Override
  public List<DataType> outputTypes() {
    List<DataType> types = new java.util.ArrayList<>(table.columns().stream().map(ColumnDef::type).toList());
    if (withTid) types.add(DataType.INT8);
    return List.copyOf(types);
  }

  @Override
  public List<PlanNode> inputs() { return List.of(); }
}
