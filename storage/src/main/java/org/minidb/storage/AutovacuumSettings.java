package org.minidb.storage;

/**
 * When the autovacuum worker visits tables (PostgreSQL's settings of the same names).
 *
 * @param enabled autovacuum
 * @param naptimeMillis autovacuum_naptime: the pause between two rounds over the tables
 * @param threshold autovacuum_vacuum_threshold: dead versions a table needs at least
 * @param scaleFactor autovacuum_vacuum_scale_factor: plus this fraction of its estimated rows
 * @param analyzeThreshold autovacuum_analyze_threshold: rows changed since the last ANALYZE a table needs at least
 * @param analyzeScaleFactor autovacuum_analyze_scale_factor: plus this fraction of its estimated rows
 * @param statisticsTarget default_statistics_target for autoanalyze
 */
public record AutovacuumSettings(boolean enabled, long naptimeMillis, long threshold, double scaleFactor,
    long analyzeThreshold, double analyzeScaleFactor, int statisticsTarget) {
  /** PostgreSQL's defaults for the analyze settings: 50, 0.1, target 100. */
  public AutovacuumSettings(boolean enabled, long naptimeMillis, long threshold, double scaleFactor) {
    this(enabled, naptimeMillis, threshold, scaleFactor, 50, 0.1, 100);
  }

  /** PostgreSQL's defaults: on, 1min, 50, 0.2 (analyze: 50, 0.1). */
  public static final AutovacuumSettings DEFAULTS = new AutovacuumSettings(true, 60_000, 50, 0.2);

  public static final AutovacuumSettings OFF = new AutovacuumSettings(false, 60_000, 50, 0.2);
}
