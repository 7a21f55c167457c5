package org.minidb.planner.cost;

import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * A table's pages and tuples for costing, as PostgreSQL's estimate_rel_size: the current length in pages times
 * the tuple density last counted (reltuples / relpages), or, when never counted, the density the row width
 * allows; a never-counted heap of fewer than 10 pages and without indexes is assumed to have 10 (so that a table
 * created and filled since is not taken for empty).
 */
public final class TableSizes {
  private TableSizes() {}

  /** Estimated pages and tuples of one heap. */
  public record Size(double pages, double tuples) {}

  /** MAXALIGN(SizeofHeapTupleHeader) + sizeof(ItemIdData): the per-row overhead on a page. */
  private static final int TUPLE_OVERHEAD = 24 + 4;
  private static final int PAGE_HEADER = 24;

  public static Size estimate(TableDef table, RelationSize size) {
    if (size == null) size = RelationSize.uncounted(0);
    double curpages = size.pages();
    // PostgreSQL's guard against a table created and filled since it was last counted; not for a table with an
    // index (relhasindex), whose index build would have counted it.
    if (curpages < 10 && size.relTuples() < 0 && table.indexes().isEmpty()) curpages = 10;
    if (size.relTuples() >= 0 && size.relPages() > 0) {
      return new Size(curpages, Math.rint(size.relTuples() / size.relPages() * curpages));
    }
    int width = TUPLE_OVERHEAD;
    for (ColumnDef c : table.columns()) width += Widths.of(c.type());
    double density = (CostParameters.BLOCK_SIZE - PAGE_HEADER) / width; // integer division, as PostgreSQL's
    return new Size(curpages, Math.rint(density * curpages));
  }
}
