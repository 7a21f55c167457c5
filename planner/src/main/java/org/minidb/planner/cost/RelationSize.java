package org.minidb.planner.cost;

/**
 * What storage knows of a heap's size when a statement is planned: its current length in 8 KiB pages, and the
 * pages and tuples last counted (pg_class.relpages and reltuples; {@code relTuples} &lt; 0 when never counted).
 * {@link TableSizes} turns it into the planner's page and tuple estimates, as PostgreSQL's estimate_rel_size.
 */
public record RelationSize(long pages, double relPages, double relTuples) {
  /** A heap of this length whose tuples were never counted. */
  public static RelationSize uncounted(long pages) { return new RelationSize(pages, 0, -1); }
}
