package org.minidb.storage.heap;

import java.util.concurrent.atomic.LongAdder;
import org.minidb.storage.tx.Transaction;

/**
 * Per-relation activity counters that decide when autovacuum visits a table (PostgreSQL's n_dead_tup and
 * reltuples in pg_stat): versions deleted or replaced since the last VACUUM, rows inserted since, and the live
 * rows the last VACUUM counted. Approximate by design (counted when the change is made, not when it commits),
 * and per server process: thread mode shares one instance per relation.
 */
public final class HeapStatistics {
  private final LongAdder deadSinceVacuum = new LongAdder();
  private final LongAdder insertedSinceVacuum = new LongAdder();
  private volatile long liveAtVacuum;
  private final java.util.concurrent.atomic.AtomicLong vacuums = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong autovacuums = new java.util.concurrent.atomic.AtomicLong();

  /** PostgreSQL's n_mod_since_analyze: rows inserted, deleted or updated (an update counts twice here). */
  private final LongAdder modifiedSinceAnalyze = new LongAdder();
  private final java.util.concurrent.atomic.AtomicLong analyzes = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong autoanalyzes = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Changes of running transactions, added to {@link #modifiedSinceAnalyze} when they commit (as PostgreSQL's
   * pgstat reports them): counting them earlier let autoanalyze sample a table whose rows were not committed yet
   * and then forget them. Each array is written by its transaction's backend only.
   */
  private final java.util.concurrent.ConcurrentHashMap<Transaction, long[]> uncommitted =
      new java.util.concurrent.ConcurrentHashMap<>();

  void versionDeleted(Transaction tx) {
    deadSinceVacuum.increment();
    modified(tx, 1);
  }

  void rowsInserted(Transaction tx, int n) {
    insertedSinceVacuum.add(n);
    modified(tx, n);
  }

  private void modified(Transaction tx, long n) {
    long[] count = uncommitted.get(tx);
    if (count == null) {
      count = new long[1];
      uncommitted.put(tx, count);
      tx.onCommit(() -> {
        long[] c = uncommitted.remove(tx);
        if (c != null) modifiedSinceAnalyze.add(c[0]);
      });
      tx.onAbort(() -> uncommitted.remove(tx));
    }
    count[0] += n;
  }

  /** An ANALYZE of the table finished: the changes counter starts again. */
  public void analyzed() { modifiedSinceAnalyze.reset(); }

  /** Counts a finished ANALYZE (pg_stat_get_[auto]analyze_count). */
  public void countAnalyze(boolean byAutovacuum) {
    (byAutovacuum ? autoanalyzes : analyzes).incrementAndGet();
  }

  public long analyzeCount() { return analyzes.get(); }

  public long autoanalyzeCount() { return autoanalyzes.get(); }

  /** Rows changed since the last ANALYZE (pg_stat_get_mod_since_analyze). */
  public long modifiedSinceAnalyze() { return modifiedSinceAnalyze.sum(); }

  /** PostgreSQL's autoanalyze rule: changes since the last ANALYZE above {@code threshold + scaleFactor * rows}. */
  public boolean needsAnalyze(long threshold, double scaleFactor) {
    return modifiedSinceAnalyze() > threshold + scaleFactor * estimatedRows();
  }

  /** A VACUUM finished: what it left is the new baseline. */
  void vacuumed(VacuumStats stats) {
    deadSinceVacuum.reset();
    insertedSinceVacuum.reset();
    deadSinceVacuum.add(stats.deadNotRemovable());
    liveAtVacuum = stats.remaining();
  }

  /** Counts a finished VACUUM, by the autovacuum worker or not (pg_stat_get_[auto]vacuum_count). */
  public void countVacuum(boolean byAutovacuum) {
    (byAutovacuum ? autovacuums : vacuums).incrementAndGet();
  }

  /** Manual VACUUMs of the relation since the server started (pg_stat_get_vacuum_count). */
  public long vacuumCount() { return vacuums.get(); }

  /** VACUUMs by autovacuum since the server started (pg_stat_get_autovacuum_count). */
  public long autovacuumCount() { return autovacuums.get(); }

  public long deadTuples() { return deadSinceVacuum.sum(); }

  /** An estimate of the live rows: those the last VACUUM counted plus the inserts since. */
  public long estimatedRows() { return liveAtVacuum + insertedSinceVacuum.sum(); }

  /**
   * PostgreSQL's autovacuum rule: dead tuples above {@code threshold + scaleFactor * rows}.
   */
  public boolean needsVacuum(long threshold, double scaleFactor) {
    return deadTuples() > threshold + scaleFactor * estimatedRows();
  }
}
