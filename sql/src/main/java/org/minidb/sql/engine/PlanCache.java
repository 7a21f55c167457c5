package org.minidb.sql.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.planner.PlannedStatement;
import org.minidb.planner.cost.CostParameters;

/**
 * Plans shared by all sessions, keyed by everything that decides a plan: the statement text, the parameter
 * types, the search path and the catalog version (so DDL invalidates by moving the version, and so does a committed
 * ANALYZE: its statistics are catalog rows; every plan is then made again, not only those of the analyzed table). Plans are immutable, so sharing them is safe.
 */
public final class PlanCache {
  /**
   * The cache key. {@code parameterTypes} entries may be null (to be inferred). {@code costs} are the session's
   * planner settings (enable_*, cost constants, work_mem): a plan made under other settings is not reused, as
   * PostgreSQL plans each simple query under the settings of the moment. (A named prepared statement keeps its
   * generic plan across a SET, as PostgreSQL's plancache does; its custom plans are made under the current ones.)
   */
  public record Key(long catalogVersion, String searchPath, String sql, List<DataType> parameterTypes,
      CostParameters costs) {}

  private final Cache<Key, PlannedStatement> plans;

  public PlanCache(long maximumSize) {
    plans = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  public PlannedStatement get(Key key) { return plans.getIfPresent(key); }

  public void put(Key key, PlannedStatement plan) { plans.put(key, plan); }
}
