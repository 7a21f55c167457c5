package org.minidb.planner.cost;

/**
 * PostgreSQL's planner cost constants (costsize.h), in its units: reading one page sequentially costs 1.0.
 * The defaults are PostgreSQL 15's; they are not settings yet.
 */
public final class CostParameters {
  private CostParameters() {}

  public static final double SEQ_PAGE_COST = 1.0;
  public static final double RANDOM_PAGE_COST = 4.0;
  public static final double CPU_TUPLE_COST = 0.01;
  public static final double CPU_INDEX_TUPLE_COST = 0.005;
  public static final double CPU_OPERATOR_COST = 0.0025;
  /** effective_cache_size (4 GB) in pages: bounds Mackert-Lohman's page-fetch estimate. */
  public static final double EFFECTIVE_CACHE_SIZE = 524288;
  /** work_mem (4 MB) in bytes: above it a sort or a hash spills to disk. */
  public static final double WORK_MEM = 4L * 1024 * 1024;
  public static final int BLOCK_SIZE = 8192;
  /** DEFAULT_NUM_DISTINCT: the distinct values assumed of a column without statistics. */
  public static final double DEFAULT_NUM_DISTINCT = 200;
  /** DEFAULT_INEQ_SEL: an inequality without statistics. */
  public static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;
}
