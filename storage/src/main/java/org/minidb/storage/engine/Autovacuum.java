package org.minidb.storage.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.minidb.storage.AutovacuumSettings;
import org.minidb.storage.catalog.Oids;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.HeapStatistics;
import org.minidb.storage.heap.VacuumStats;
import org.minidb.storage.stats.Analyze;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's autovacuum launcher and worker in one daemon thread: every naptime it visits the user tables
 * whose dead versions exceed {@code threshold + scaleFactor * rows} ({@link HeapStatistics}) and vacuums them,
 * each in its own transaction holding SHARE UPDATE EXCLUSIVE; then it analyzes those whose rows changed since the last
 * ANALYZE exceed {@code analyzeThreshold + analyzeScaleFactor * rows} (PostgreSQL's autoanalyze). A table someone else holds in a conflicting mode
 * (DDL, a manual VACUUM) is skipped until the next round, as PostgreSQL's autovacuum does. Like the
 * checkpointer it is never interrupted: {@link #close} sets a flag, unparks it and waits for the table at hand.
 */
final class Autovacuum implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Autovacuum.class);

  private final PagedStorageEngine engine;
  private final AutovacuumSettings settings;
  private volatile boolean stopping;
  private Thread thread;

  Autovacuum(PagedStorageEngine engine, AutovacuumSettings settings) {
    this.engine = engine;
    this.settings = settings;
  }

  void start() {
    if (!settings.enabled()) return;
    thread = Thread.ofPlatform().daemon().name("autovacuum").start(this::run);
  }

  private void run() {
    while (!stopping) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(10, settings.naptimeMillis())));
      if (stopping) break;
      try {
        round();
      } catch (RuntimeException e) {
        log.warn("autovacuum round failed: {}", e.getMessage(), e);
      }
    }
  }

  /** One pass over the tables. */
  private void round() {
    for (TableDef table : engine.catalog().tables(null)) {
      if (stopping) return;
      if (table.oid() < Oids.FIRST_NORMAL_OBJECT_ID) continue; // catalog readers register no snapshot xmin
      HeapStatistics stats = engine.statistics(table.oid());
      // A TOAST relation counts on its own (one deleted row may leave thousands of dead chunks); it is vacuumed
      // with its table.
      boolean toastNeedsIt = table.toastRelid() != 0
          && engine.statistics(table.toastRelid()).needsVacuum(settings.threshold(), settings.scaleFactor());
      if (toastNeedsIt || stats.needsVacuum(settings.threshold(), settings.scaleFactor())) vacuum(table);
      if (stopping) return;
      if (stats.needsAnalyze(settings.analyzeThreshold(), settings.analyzeScaleFactor())) analyze(table);
    }
  }

  /** Autoanalyze: ANALYZE in its own transaction; skipped while another holds a conflicting lock. */
  private void analyze(TableDef table) {
    Transaction tx = engine.transactions().begin();
    boolean done = false;
    try {
      if (!tx.tryLockRelation(table.oid(), LockMode.SHARE_UPDATE_EXCLUSIVE)) return;
      // Storing statistics takes the catalog's DDL lock: skip the round rather than wait behind a DDL transaction.
      if (!tx.tryLockRelation(Oids.PG_CLASS, LockMode.SHARE_ROW_EXCLUSIVE)) return;
      if (engine.catalog().tables(null).stream().noneMatch(t -> t.oid() == table.oid())) return; // dropped
      Analyze.analyze(engine, tx, table, java.util.List.of(), settings.statisticsTarget());
      done = true;
      log.debug("automatic analyze of table \"{}\"", table.name());
    } finally {
      if (done) {
        engine.transactions().commit(tx);
        engine.statistics(table.oid()).countAnalyze(true);
      } else {
        engine.transactions().abort(tx);
      }
    }
  }

  private void vacuum(TableDef table) {
    Transaction tx = engine.transactions().begin();
    try {
      if (!tx.tryLockRelation(table.oid(), LockMode.SHARE_UPDATE_EXCLUSIVE)) return;
      if (engine.catalog().tables(null).stream().noneMatch(t -> t.oid() == table.oid())) return; // dropped
      VacuumStats s = engine.heap(table).vacuum(tx);
      engine.statistics(table.oid()).countVacuum(true);
      log.debug("automatic vacuum of table \"{}\": {} removed, {} remain, {} dead but not yet removable",
          table.name(), s.removed(), s.remaining(), s.deadNotRemovable());
    } finally {
      engine.transactions().commit(tx);
    }
  }

  @Override
  public void close() {
    stopping = true;
    Thread t = thread;
    if (t == null) return;
    LockSupport.unpark(t);
    try {
      t.join(TimeUnit.MINUTES.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
