package org.minidb.planner.cost;

import static org.minidb.planner.cost.CostParameters.BLOCK_SIZE;

import org.minidb.planner.cost.CostParameters.Method;

import org.minidb.planner.explain.Estimate;

/**
 * PostgreSQL's cost formulas (costsize.c, btcostestimate in selfuncs.c), simplified where MiniDB's operators
 * differ: startup cost is what a node spends before its first row, total what it spends for all of them, both in
 * PostgreSQL's units. {@code qualOps} counts the operators of a qualification evaluated per row (each costs
 * cpu_operator_cost, as a function of procost 1 does in PostgreSQL).
 */
public final class CostModel {
  private CostModel() {}

  // The settings of the planning call (CostParameters.current(): the session's SET values).
  private static double seqPageCost() { return CostParameters.current().seqPageCost(); }
  private static double randomPageCost() { return CostParameters.current().randomPageCost(); }
  private static double cpuTupleCost() { return CostParameters.current().cpuTupleCost(); }
  private static double cpuIndexTupleCost() { return CostParameters.current().cpuIndexTupleCost(); }
  private static double cpuOperatorCost() { return CostParameters.current().cpuOperatorCost(); }
  private static double workMem() { return CostParameters.current().workMem(); }
  /** disable_cost when the method's enable_* setting is off (added to the startup cost, as costsize.c does). */
  private static double disableCost(Method method) { return CostParameters.current().disableCost(method); }

  /** Rows as PostgreSQL's clamp_row_est: at least 1, whole. */
  public static double clampRows(double rows) {
    if (!(rows > 1)) return 1;
    return Math.rint(rows);
  }

  /** cost_seqscan: every page read in order, every tuple passed through the filter. */
  public static Estimate seqScan(double pages, double tuples, int qualOps, double rows, int width) {
    double cpu = (cpuTupleCost() + qualOps * cpuOperatorCost()) * tuples;
    double startup = disableCost(Method.SEQSCAN);
    return new Estimate(startup, startup + seqPageCost() * pages + cpu, clampRows(rows), width);
  }

  /**
   * cost_index with btcostestimate, for an uncorrelated index (heap pages fetched at random, Mackert-Lohman):
   * {@code selectivity} of the index conditions over {@code tuples} rows gives the index tuples read;
   * {@code indexQualOps} operators are checked per index tuple and {@code filterOps} per heap tuple.
   */
  public static Estimate indexScan(double pages, double tuples, double selectivity, int indexQualOps,
      int filterOps, double rows, int width, int keyWidth) {
    return indexScan(pages, tuples, selectivity, indexQualOps, filterOps, rows, width, keyWidth, 0, 1);
  }

  /**
   * cost_index with btcostestimate: as above, with the index order's {@code correlation} to the heap order (the
   * leading key column's from ANALYZE, × 0.75 for a multi-column index, as btcostestimate) interpolating the heap
   * I/O between random fetches (0) and one sequential pass over the pages the rows are on (±1) by its square, and
   * {@code scans} descents of the tree (an IN list's values: PostgreSQL's num_sa_scans).
   */
  public static Estimate indexScan(double pages, double tuples, double selectivity, int indexQualOps,
      int filterOps, double rows, int width, int keyWidth, double correlation, int scans) {
    return indexScan(pages, tuples, selectivity, indexQualOps, filterOps, rows, width, keyWidth, correlation, scans,
        1);
  }

  /**
   * cost_index with loop_count: the cost of one of {@code loops} scans (the inner side of a parameterized
   * Nested Loop, one scan per outer row). As PostgreSQL, the leaf and heap pages are those all the loops fetch
   * together (Mackert-Lohman over every loop's pages or tuples: repeated visits to a page hit the cache), divided
   * among the loops; the descent and the CPU per tuple are paid by every loop.
   */
  public static Estimate indexScan(double pages, double tuples, double selectivity, int indexQualOps,
      int filterOps, double rows, int width, int keyWidth, double correlation, int scans, double loops) {
    loops = Math.max(loops, 1);
    double indexTuples = Math.max(1, Math.rint(selectivity * tuples));
    double indexPages = indexPages(tuples, keyWidth);
    // Descent: a comparison per level of a binary search over the whole index, and 50 operator costs per page
    // from the root to the leaf (PostgreSQL charges no I/O for the upper levels: they are assumed cached).
    double descent = Math.ceil(log2(Math.max(tuples, 2))) * cpuOperatorCost()
        + (treeHeight(tuples, keyWidth) + 1) * 50 * cpuOperatorCost();
    double startup = disableCost(Method.INDEXSCAN) + descent * Math.max(1, scans);
    double leafPages = Math.max(Math.max(1, scans), Math.ceil(indexTuples * indexPages / Math.max(tuples, 1)));
    if (loops > 1) leafPages = pagesFetched(leafPages * loops, indexPages) / loops;
    double indexCost = leafPages * randomPageCost()
        + indexTuples * (cpuIndexTupleCost() + indexQualOps * cpuOperatorCost());
    double maxIo = pagesFetched(indexTuples * loops, pages) * randomPageCost() / loops;
    double minPages = Math.ceil(selectivity * Math.max(pages, 1));
    double minIo = loops > 1 ? pagesFetched(minPages * loops, pages) * randomPageCost() / loops
        : minPages > 1 ? randomPageCost() + (minPages - 1) * seqPageCost() : randomPageCost();
    double c2 = correlation * correlation;
    double heapCost = maxIo + c2 * (minIo - maxIo) + indexTuples * (cpuTupleCost() + filterOps * cpuOperatorCost());
    return new Estimate(startup, startup + indexCost + heapCost, clampRows(rows), width);
  }

  /**
   * index_pages_fetched (Mackert and Lohman) for a table of {@code pages} with a cache of effective_cache_size
   * pages (PostgreSQL prorates the cache over all tables of the query; here the table is taken as the only one).
   */
  static double pagesFetched(double tuplesFetched, double pages) {
    double t = Math.max(pages, 1);
    double b = Math.max(1, CostParameters.current().effectiveCacheSize());
    if (t <= b) {
      double fetched = (2.0 * t * tuplesFetched) / (2.0 * t + tuplesFetched);
      return fetched >= t ? t : Math.ceil(fetched);
    }
    double lim = (2.0 * t * b) / (2.0 * t - b);
    double fetched = tuplesFetched <= lim ? (2.0 * t * tuplesFetched) / (2.0 * t + tuplesFetched)
        : b + (tuplesFetched - lim) * (t - b) / t;
    return Math.ceil(fetched);
  }

  /** Leaf pages of a B-tree over {@code tuples} keys of {@code keyWidth} bytes, filled to 90 %. */
  static double indexPages(double tuples, int keyWidth) {
    double perPage = Math.max(1, Math.floor(BLOCK_SIZE * 0.9 / (keyWidth + 16)));
    return Math.max(1, Math.ceil(tuples / perPage));
  }

  /** Levels above the leaves (0 for a single-page tree). */
  static int treeHeight(double tuples, int keyWidth) {
    double pages = indexPages(tuples, keyWidth);
    double fanout = Math.max(2, Math.floor(BLOCK_SIZE * 0.9 / (keyWidth + 16)));
    int h = 0;
    while (pages > 1 && h < 10) {
      pages = Math.ceil(pages / fanout);
      h++;
    }
    return h;
  }

  /** A qualification evaluated per output row of a node (a Filter folded into it). */
  public static Estimate filter(Estimate in, int qualOps, double rows) {
    double run = (in.totalCost() - in.startupCost()) + qualOps * cpuOperatorCost() * in.rows();
    return new Estimate(in.startupCost(), in.startupCost() + run, clampRows(rows), in.width());
  }

  /**
   * cost_sort: comparisons of N log2 N (two operator costs each) before the first row; above work_mem an
   * external merge that writes and reads every page per merge pass (3/4 sequential). {@code limit} &gt; 0 is a
   * bounded (top-N) sort's row count.
   */
  public static Estimate sort(Estimate in, double limit) {
    double n = Math.max(in.rows(), 2);
    double comparison = 2.0 * cpuOperatorCost();
    double startup = in.totalCost() + disableCost(Method.SORT);
    double bytes = n * (in.width() + 24);
    if (limit > 0 && limit * 2 < n && bytes > 0) {
      startup += comparison * n * log2(2.0 * limit);
    } else {
      startup += comparison * n * log2(n);
      if (bytes > workMem()) {
        double npages = Math.ceil(bytes / BLOCK_SIZE);
        double runs = Math.max(1, bytes / workMem());
        double passes = Math.max(1, Math.ceil(Math.log(runs) / Math.log(6)));
        startup += npages * passes * 2 * (seqPageCost() * 0.75 + randomPageCost() * 0.25);
      }
    }
    return new Estimate(startup, startup + cpuOperatorCost() * in.rows(), in.rows(), in.width());
  }

  /**
   * cost_hashjoin: the inner input read and hashed before the first row, each outer row hashed and probed
   * (with about one bucket entry compared), and a batch split that writes both sides once when the inner does
   * not fit in work_mem. {@code joinQualOps} further operators are checked per matched pair.
   */
  public static Estimate hashJoin(Estimate outer, Estimate inner, int hashClauses, int joinQualOps, double rows,
      int width) {
    double startup = disableCost(Method.HASHJOIN) + outer.startupCost() + inner.totalCost()
        + (cpuOperatorCost() * hashClauses + cpuTupleCost()) * inner.rows();
    double run = outer.totalCost() - outer.startupCost() + cpuOperatorCost() * hashClauses * outer.rows();
    double innerBytes = inner.rows() * (inner.width() + 24);
    if (innerBytes > workMem()) {
      double innerPages = Math.ceil(innerBytes / BLOCK_SIZE);
      double outerPages = Math.ceil(outer.rows() * (outer.width() + 24) / BLOCK_SIZE);
      startup += seqPageCost() * innerPages;
      run += seqPageCost() * (innerPages + 2 * outerPages);
    }
    // Matches compared: the outer rows times the rows of a bucket (half a bucket on average, load factor 1).
    run += cpuOperatorCost() * hashClauses * outer.rows() * 0.5;
    run += (cpuTupleCost() + joinQualOps * cpuOperatorCost()) * rows;
    return new Estimate(startup, startup + run, clampRows(rows), width);
  }

  /** The Hash node under a hash join: its input's total, all spent before the first row. */
  public static Estimate hash(Estimate inner) {
    return new Estimate(inner.totalCost(), inner.totalCost(), inner.rows(), inner.width());
  }

  /**
   * cost_nestloop over a materialized inner (MiniDB's nested loop keeps the inner rows in memory, as
   * PostgreSQL's Materialize): the inner read once and stored, rescanned once per further outer row, and
   * every pair examined (a tuple cost and the join qualification each, as PostgreSQL charges).
   */
  public static Estimate nestLoop(Estimate outer, Estimate inner, int joinQualOps, double rows, int width) {
    double startup = disableCost(Method.NESTLOOP) + outer.startupCost() + inner.startupCost();
    double pairs = outer.rows() * inner.rows();
    double run = outer.totalCost() - outer.startupCost() + inner.totalCost() - inner.startupCost()
        + 2 * cpuOperatorCost() * inner.rows() + Math.max(outer.rows() - 1, 0) * cpuOperatorCost() * inner.rows()
        + pairs * (cpuTupleCost() + joinQualOps * cpuOperatorCost());
    return new Estimate(startup, startup + run, clampRows(rows), width);
  }

  /**
   * cost_nestloop over a parameterized inner side (an Index Scan rescanned per outer row, nothing
   * materialized): {@code innerPerLoop} is one loop's estimate (from the index cost with loop_count); the first
   * loop's startup before the first row, every further loop's startup and run after it, each pair returned
   * paying a tuple cost and the remaining join qualification. A SEMI or ANTI join stops each loop at the first
   * match (PostgreSQL's inner_scan_frac for an inner side of about one row per loop).
   */
  public static Estimate parameterizedNestLoop(Estimate outer, Estimate innerPerLoop, int joinQualOps,
      boolean stopAtFirstMatch, double rows, int width) {
    double loops = Math.max(outer.rows(), 1);
    double innerRun = innerPerLoop.totalCost() - innerPerLoop.startupCost();
    double perLoopRows = innerPerLoop.rows();
    if (stopAtFirstMatch && perLoopRows > 1) {
      double fraction = 2.0 / (perLoopRows + 1);
      innerRun *= fraction;
      perLoopRows *= fraction;
    }
    double startup = disableCost(Method.NESTLOOP) + outer.startupCost() + innerPerLoop.startupCost();
    double run = outer.totalCost() - outer.startupCost() + (loops - 1) * innerPerLoop.startupCost()
        + loops * innerRun + loops * perLoopRows * (cpuTupleCost() + joinQualOps * cpuOperatorCost());
    return new Estimate(startup, startup + run, clampRows(rows), width);
  }

  /**
   * cost_mergejoin over inputs already in join-key order: both read once, one comparison per row of each, plus
   * the output rows.
   */
  public static Estimate mergeJoin(Estimate outer, Estimate inner, int mergeClauses, int joinQualOps,
      double rows, int width) {
    double startup = disableCost(Method.MERGEJOIN) + outer.startupCost() + inner.startupCost();
    double run = outer.totalCost() - outer.startupCost() + inner.totalCost() - inner.startupCost()
        + cpuOperatorCost() * mergeClauses * (outer.rows() + inner.rows())
        + (cpuTupleCost() + joinQualOps * cpuOperatorCost()) * rows;
    return new Estimate(startup, startup + run, clampRows(rows), width);
  }

  /** cost_agg, AGG_PLAIN: every input row through each aggregate's transition, one row out. */
  public static Estimate plainAggregate(Estimate in, int aggregates, int width) {
    double startup = in.totalCost() + aggregates * cpuOperatorCost() * in.rows();
    return new Estimate(startup, startup + cpuTupleCost(), 1, width);
  }

  /** cost_agg, AGG_HASHED: each input row hashed on its group keys and transitioned; groups emitted after. */
  public static Estimate hashAggregate(Estimate in, int groupKeys, int aggregates, double groups, int width) {
    double startup = disableCost(Method.HASHAGG) + in.totalCost()
        + (groupKeys + aggregates) * cpuOperatorCost() * in.rows();
    double bytes = groups * (width + 24 + aggregates * 16);
    if (bytes > workMem()) {
      // Spilled groups are written and read back once (PostgreSQL 15 counts both and its passes).
      double pages = Math.ceil(in.rows() * (in.width() + 24) / BLOCK_SIZE);
      startup += 2 * pages * (seqPageCost() * 0.75 + randomPageCost() * 0.25);
    }
    double rows = clampRows(groups);
    return new Estimate(startup, startup + (cpuTupleCost() + aggregates * cpuOperatorCost()) * rows, rows, width);
  }

  /** cost_agg, AGG_SORTED: input already in group order; a comparison per key per row, groups streamed. */
  public static Estimate sortedAggregate(Estimate in, int groupKeys, int aggregates, double groups, int width) {
    double rows = clampRows(groups);
    double total = in.totalCost() + (groupKeys + aggregates) * cpuOperatorCost() * in.rows()
        + (cpuTupleCost() + aggregates * cpuOperatorCost()) * rows;
    return new Estimate(in.startupCost(), total, rows, width);
  }

  /** Unique over sorted input: a comparison per key per row. */
  public static Estimate unique(Estimate in, int keys, double rows) {
    return new Estimate(in.startupCost(), in.totalCost() + keys * cpuOperatorCost() * in.rows(), clampRows(rows),
        in.width());
  }

  /** A projection computing {@code exprOps} operators per row (PostgreSQL charges them to the node below). */
  public static Estimate project(Estimate in, int exprOps, int width) {
    return new Estimate(in.startupCost(), in.totalCost() + exprOps * cpuOperatorCost() * in.rows(), in.rows(),
        width);
  }

  /** adjust_limit_rows_costs: the fraction of the input's run cost that the rows up to offset + limit take. */
  public static Estimate limit(Estimate in, double offset, double limit) {
    double inRows = Math.max(in.rows(), 1);
    double run = in.totalCost() - in.startupCost();
    double skip = Math.min(offset, inRows);
    double rows = limit < 0 ? inRows - skip : Math.min(limit, inRows - skip);
    double startup = in.startupCost() + run * skip / inRows;
    double total = in.startupCost() + run * (skip + rows) / inRows;
    return new Estimate(startup, total, clampRows(rows), in.width());
  }

  /** An append of inputs (UNION ALL): their costs and rows add up. */
  public static Estimate append(java.util.List<Estimate> inputs, int width) {
    double startup = inputs.isEmpty() ? 0 : inputs.get(0).startupCost();
    double total = 0;
    double rows = 0;
    for (Estimate e : inputs) {
      total += e.totalCost();
      rows += e.rows();
    }
    // APPEND_CPU_COST_MULTIPLIER: half a tuple cost per row passed on.
    return new Estimate(startup, total + cpuTupleCost() * 0.5 * rows, clampRows(rows), width);
  }

  /** A Result or Values Scan of {@code rows} constant rows. */
  public static Estimate values(double rows, int width) {
    return new Estimate(0, (cpuOperatorCost() + cpuTupleCost()) * rows, Math.max(rows, 1), width);
  }

  static double log2(double x) { return Math.log(x) / Math.log(2); }
}
