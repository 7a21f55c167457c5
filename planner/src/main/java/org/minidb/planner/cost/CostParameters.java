package org.minidb.planner.cost;

import java.util.EnumSet;
import java.util.Set;

/**
 * The planner's cost settings of one planning call, in PostgreSQL's units (reading one page sequentially costs
 * 1.0): the cost constants of costsize.h, work_mem and effective_cache_size, and the {@code enable_*} switches.
 * As in PostgreSQL a disabled method is not forbidden: its cost is raised by {@link #DISABLE_COST}, so it is still
 * chosen where it is the only way (a Seq Scan of a table without an index under {@code enable_seqscan = off}).
 *
 * <p>The session makes one value from its settings ({@code sql/settings/PlannerSettings}) and the planner binds it
 * for the call ({@link #current()}, a scoped value: planning is one thread, and nothing leaks into the next
 * statement); code that plans outside such a call (warm-up, unit tests) sees {@link #DEFAULTS}, PostgreSQL 15's.
 * The value is part of the plan cache's key, so a plan made under other settings is never reused.
 *
 * @param effectiveCacheSize pages (effective_cache_size): bounds Mackert-Lohman's page-fetch estimate
 * @param workMem bytes: above it a sort or a hash spills to disk
 * @param disabled the plan methods whose {@code enable_*} setting is off
 */
public record CostParameters(double seqPageCost, double randomPageCost, double cpuTupleCost,
    double cpuIndexTupleCost, double cpuOperatorCost, double effectiveCacheSize, double workMem,
    Set<Method> disabled) {

  /** A plan method with an {@code enable_*} setting. */
  public enum Method {
    SEQSCAN, INDEXSCAN, INDEXONLYSCAN, BITMAPSCAN, TIDSCAN, HASHJOIN, NESTLOOP, MERGEJOIN, HASHAGG, SORT,
    INCREMENTAL_SORT, MATERIAL, MEMOIZE;

    /** The setting's name: enable_seqscan. */
    public String settingName() { return "enable_" + name().toLowerCase(java.util.Locale.ROOT); }
  }

  /** PostgreSQL's disable_cost: added to the startup cost of a path whose method is disabled. */
  public static final double DISABLE_COST = 1.0e10;

  // PostgreSQL 15's defaults (the static names predate the settings; new code should read current()).
  public static final double SEQ_PAGE_COST = 1.0;
  public static final double RANDOM_PAGE_COST = 4.0;
  public static final double CPU_TUPLE_COST = 0.01;
  public static final double CPU_INDEX_TUPLE_COST = 0.005;
  public static final double CPU_OPERATOR_COST = 0.0025;
  /** effective_cache_size (4 GB) in pages. */
  public static final double EFFECTIVE_CACHE_SIZE = 524288;
  /** work_mem (4 MB) in bytes. */
  public static final double WORK_MEM = 4L * 1024 * 1024;
  public static final int BLOCK_SIZE = 8192;
  /** DEFAULT_NUM_DISTINCT: the distinct values assumed of a column without statistics. */
  public static final double DEFAULT_NUM_DISTINCT = 200;
  /** DEFAULT_INEQ_SEL: an inequality without statistics. */
  public static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;

  public static final CostParameters DEFAULTS = new CostParameters(SEQ_PAGE_COST, RANDOM_PAGE_COST, CPU_TUPLE_COST,
      CPU_INDEX_TUPLE_COST, CPU_OPERATOR_COST, EFFECTIVE_CACHE_SIZE, WORK_MEM, Set.of());

  private static final ScopedValue<CostParameters> CURRENT = ScopedValue.newInstance();

  public CostParameters {
    disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
  }

  /** The parameters of the planning call this thread is in, or the defaults outside one. */
  public static CostParameters current() { return CURRENT.orElse(DEFAULTS); }

  /** Runs {@code planning} with these parameters as {@link #current()}. */
  public <R> R bind(java.util.function.Supplier<R> planning) {
    return ScopedValue.where(CURRENT, this).call(planning::get);
  }

  public boolean enabled(Method method) { return !disabled.contains(method); }

  /** {@link #DISABLE_COST} when {@code method} is disabled, else 0: what a path's startup cost is raised by. */
  public double disableCost(Method method) { return disabled.contains(method) ? DISABLE_COST : 0; }
}
