package org.minidb.sql.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.planner.PlannedStatement;

/**
 * Plans shared by all sessions, keyed by everything that decides a plan: the statement text, the parameter
 * types, the search path and the catalog version (so DDL invalidates by moving the version, and so does a committed
 * ANALYZE: its statistics are catalog rows; every plan is then made again, not only those of the analyzed table). Plans are immutable, so sharing them is safe.
 */
public final class PlanCache {
  /** The cache key. {@code parameterTypes} entries may be null (to be inferred). */
  public record Key(long catalogVersion, String searchPath, String sql, List<DataType> parameterTypes) {}

  private final Cache<Key, PlannedStatement> plans;

  public PlanCache(long maximumSize) {
    plans = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  public PlannedStatement get(Key key) { return plans.getIfPresent(key); }

  public void put(Key key, PlannedStatement plan) { plans.put(key, plan); }
}
