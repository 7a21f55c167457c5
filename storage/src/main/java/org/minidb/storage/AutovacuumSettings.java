package org.minidb.storage;

/**
 * When the autovacuum worker visits tables (PostgreSQL's settings of the same names).
 *
 * @param enabled autovacuum
 * @param naptimeMillis autovacuum_naptime: the pause between two rounds over the tables
 * @param threshold autovacuum_vacuum_threshold: dead versions a table needs at least
 * @param scaleFactor autovacuum_vacuum_scale_factor: plus this fraction of its estimated rows
 */
public record AutovacuumSettings(boolean enabled, long naptimeMillis, long threshold, double scaleFactor) {
  /** PostgreSQL's defaults: on, 1min, 50, 0.2. */
  public static final AutovacuumSettings DEFAULTS = new AutovacuumSettings(true, 60_000, 50, 0.2);

  public static final AutovacuumSettings OFF = new AutovacuumSettings(false, 60_000, 50, 0.2);
}
