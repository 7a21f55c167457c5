package org.minidb.storage.heap;

/**
 * What VACUUM did to one heap (the figures of PostgreSQL's VACUUM VERBOSE).
 *
 * @param pages pages in the heap when VACUUM began
 * @param remainingPages pages left after empty ones at the end were truncated
 * @param removed versions removed
 * @param remaining live versions left
 * @param deadNotRemovable versions deleted by transactions some snapshot may still need
 */
public record VacuumStats(long pages, long remainingPages, long removed, long remaining, long deadNotRemovable) {}
