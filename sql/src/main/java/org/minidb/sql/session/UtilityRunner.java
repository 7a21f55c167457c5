package org.minidb.sql.session;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.planner.ResultColumn;
import org.minidb.sql.Notice;
import org.minidb.sql.QuerySink;
import org.minidb.sql.parse.TransactionModes;
import org.minidb.sql.parse.UtilityCommand;
import org.minidb.sql.settings.SessionSettings;
import org.minidb.sql.settings.SettingDefinition;
import org.minidb.sql.settings.SettingDefinitions;
import org.minidb.storage.StorageEngine;
import org.minidb.storage.catalog.Oids;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.heap.VacuumStats;
import org.minidb.storage.stats.Analyze;
import org.minidb.storage.tx.IsolationLevel;
import org.minidb.storage.tx.LockMode;
import org.minidb.storage.tx.Transaction;

/** Runs the utility statements: transaction control, SET, RESET, SHOW and CHECKPOINT. */
final class UtilityRunner {
  private final TransactionBlock block;
  private final SessionSettings settings;
  private final StorageEngine storage;
  private final String database;

  UtilityRunner(TransactionBlock block, SessionSettings settings, StorageEngine storage, String database) {
    this.block = block;
    this.settings = settings;
    this.storage = storage;
    this.database = database;
  }

  /** The columns a utility statement returns (SHOW), or an empty list. */
  static List<ResultColumn> columns(UtilityCommand command) {
    if (command instanceof UtilityCommand.Show show) {
      if (show.name() == null) {
        return List.of(text("name"), text("setting"), text("description"));
      }
      return List.of(text(SessionSettings.canonicalName(show.name())));
    }
    return List.of();
  }

  private static ResultColumn text(String name) { return new ResultColumn(name, DataType.TEXT, 0, 0); }

  /**
   * Runs the command and writes its results and tag.
   *
   * @param describe whether to write a RowDescription first (simple query protocol)
   */
  void run(UtilityCommand command, QuerySink sink, boolean describe) {
    if (block.state() == TransactionBlock.State.FAILED
        && !(command instanceof UtilityCommand.Commit || command instanceof UtilityCommand.Rollback
            || command instanceof UtilityCommand.RollbackToSavepoint)) {
      throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
          "current transaction is aborted, commands ignored until end of transaction block");
    }
    switch (command) {
      case UtilityCommand.Begin begin -> {
        IsolationLevel isolation = isolation(begin.modes());
        boolean readOnly = begin.modes().readOnly() != null ? begin.modes().readOnly()
            : settings.get("default_transaction_read_only").equals("on");
        var warning = block.begin(readOnly, isolation);
        if (warning != null) sink.notice(warning);
        sink.commandComplete("BEGIN");
      }
      case UtilityCommand.Commit c -> sink.commandComplete(block.commit(sink::notice));
      case UtilityCommand.Rollback r -> {
        block.rollback(sink::notice);
        sink.commandComplete("ROLLBACK");
        reportChanges(sink);
      }
      case UtilityCommand.Set set -> {
        if (set.local() && block.state() != TransactionBlock.State.EXPLICIT) {
          sink.notice(new Notice("WARNING", SqlState.NO_ACTIVE_SQL_TRANSACTION,
              "SET LOCAL can only be used in transaction blocks"));
          sink.commandComplete("SET");
          return;
        }
        if (SessionSettings.canonicalName(set.name()).equals("transaction_isolation") && set.values().size() == 1) {
          // PostgreSQL's SET TRANSACTION ISOLATION LEVEL is this setting; it lives in the transaction.
          IsolationLevel level = isolation(new TransactionModes(set.values().get(0).toLowerCase(Locale.ROOT), null, null));
          if (level == null) throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"transaction_isolation\"");
          if (block.state() == TransactionBlock.State.EXPLICIT) block.setModes(level, null);
          sink.commandComplete("SET");
          return;
        }
        settings.set(set.name(), set.values(), set.local(), inTransaction());
        sink.commandComplete("SET");
        reportChanges(sink);
      }
      case UtilityCommand.SetTransaction set -> {
        IsolationLevel isolation = isolation(set.modes());
        if (set.sessionDefault()) {
          if (set.modes().readOnly() != null) {
            settings.set("default_transaction_read_only", List.of(set.modes().readOnly() ? "on" : "off"), false,
                inTransaction());
          }
          if (isolation != null) {
            settings.set("default_transaction_isolation", List.of(isolation.sqlName()), false, inTransaction());
          }
        } else if (block.state() == TransactionBlock.State.EXPLICIT) {
          block.setModes(isolation, set.modes().readOnly());
        } else {
          sink.notice(new Notice("WARNING", SqlState.NO_ACTIVE_SQL_TRANSACTION,
              "SET TRANSACTION can only be used in transaction blocks"));
        }
        sink.commandComplete("SET");
      }
      case UtilityCommand.Reset reset -> {
        if (reset.name() == null) settings.resetAll(inTransaction());
        else settings.reset(reset.name(), inTransaction());
        sink.commandComplete("RESET");
        reportChanges(sink);
      }
      case UtilityCommand.Show show -> {
        if (describe) sink.rowDescription(columns(show));
        if (show.name() == null) {
          for (SettingDefinition d : SettingDefinitions.all()) {
            sink.dataRow(new Object[] {d.name(), settings.get(d.name()), d.description()});
          }
        } else {
          sink.dataRow(new Object[] {showValue(show.name())});
        }
        sink.commandComplete("SHOW");
      }
      case UtilityCommand.Checkpoint c -> {
        storage.checkpoint();
        sink.commandComplete("CHECKPOINT");
      }
      case UtilityCommand.Savepoint sp -> {
        block.savepoint(sp.name());
        sink.commandComplete("SAVEPOINT");
      }
      case UtilityCommand.ReleaseSavepoint sp -> {
        block.releaseSavepoint(sp.name());
        sink.commandComplete("RELEASE");
      }
      case UtilityCommand.RollbackToSavepoint sp -> {
        block.rollbackToSavepoint(sp.name());
        sink.commandComplete("ROLLBACK");
      }
      case UtilityCommand.Truncate truncate -> {
        if (block.state() == TransactionBlock.State.EXPLICIT ? block.readOnly()
            : settings.get("default_transaction_read_only").equals("on")) {
          throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION,
              "cannot execute TRUNCATE TABLE in a read-only transaction");
        }
        Transaction tx = block.beginStatement();
        TableTruncation.truncate(storage, tx, truncate.names().stream().map(name -> table(tx, name)).toList());
        sink.commandComplete("TRUNCATE TABLE");
      }
      case UtilityCommand.Vacuum vacuum -> {
        vacuum(vacuum, sink);
        sink.commandComplete("VACUUM");
      }
      case UtilityCommand.Analyze analyze -> {
        analyze(analyze, sink);
        sink.commandComplete("ANALYZE");
      }
      case UtilityCommand.LockTable lock -> {
        lockTables(lock);
        sink.commandComplete("LOCK TABLE");
      }
      case UtilityCommand.Unsupported u -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          u.feature() + " is not supported yet");
      case UtilityCommand.PreparedStatementCommand p ->
          throw new IllegalStateException("the session runs PREPARE / EXECUTE / DEALLOCATE itself");
    }
  }

  /**
   * VACUUM: each named table (or every user table), with SHARE UPDATE EXCLUSIVE so that writers go on; outside
   * transaction blocks only (as PostgreSQL). VERBOSE reports as PostgreSQL's first lines do, as INFO notices.
   */
  private void vacuum(UtilityCommand.Vacuum vacuum, QuerySink sink) {
    boolean verbose = false;
    boolean analyze = false;
    for (String option : vacuum.options()) {
      switch (option) {
        case "verbose" -> verbose = true;
        case "analyze", "analyse" -> analyze = true;
        case "freeze", "skip_locked", "disable_page_skipping", "process_toast", "truncate", "index_cleanup" -> { }
        case "full" -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
            "VACUUM " + option.toUpperCase(Locale.ROOT) + " is not supported yet");
        default -> throw DbException.of(SqlState.SYNTAX_ERROR, "unrecognized VACUUM option \"" + option + "\"");
      }
    }
    if (block.state() == TransactionBlock.State.EXPLICIT) {
      throw DbException.of(SqlState.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
    }
    if (!analyze && vacuum.targets().stream().anyMatch(t -> !t.columns().isEmpty())) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "ANALYZE option must be specified when a column list is provided");
    }
    Transaction tx = block.beginStatement();
    List<TableDef> tables = vacuum.tables().isEmpty()
        ? storage.catalog().tables(tx).stream().filter(t -> t.oid() >= Oids.FIRST_NORMAL_OBJECT_ID).toList()
        : vacuum.tables().stream().map(name -> table(tx, name)).toList();
    for (int i = 0; i < tables.size(); i++) {
      TableDef table = tables.get(i);
      vacuumTable(tx, table, verbose, sink);
      if (analyze && table.oid() >= Oids.FIRST_NORMAL_OBJECT_ID) {
        analyzeTable(tx, table, vacuum.targets().isEmpty() ? List.of() : vacuum.targets().get(i).columns(), verbose, sink);
      }
    }
  }

  /**
   * ANALYZE: each named table (or every user table) sampled and its statistics stored in the statement's
   * transaction (allowed inside a transaction block, as in PostgreSQL); the plans of those tables are replanned
   * once it commits (the catalog version moves).
   */
  private void analyze(UtilityCommand.Analyze analyze, QuerySink sink) {
    boolean verbose = false;
    for (String option : analyze.options()) {
      switch (option) {
        case "verbose" -> verbose = true;
        case "skip_locked" -> { }
        default -> throw DbException.of(SqlState.SYNTAX_ERROR, "unrecognized ANALYZE option \"" + option + "\"");
      }
    }
    if (block.state() == TransactionBlock.State.EXPLICIT ? block.readOnly()
        : settings.get("default_transaction_read_only").equals("on")) {
      throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute ANALYZE in a read-only transaction");
    }
    Transaction tx = block.beginStatement();
    if (analyze.targets().isEmpty()) {
      for (TableDef t : storage.catalog().tables(tx)) {
        if (t.oid() >= Oids.FIRST_NORMAL_OBJECT_ID) analyzeTable(tx, t, List.of(), verbose, sink);
      }
      return;
    }
    for (UtilityCommand.TableColumns target : analyze.targets()) {
      TableDef table = table(tx, target.name());
      if (table.oid() < Oids.FIRST_NORMAL_OBJECT_ID) {
        sink.notice(new Notice("WARNING", SqlState.FEATURE_NOT_SUPPORTED,
            "skipping \"" + table.name() + "\" --- system catalogs are not analyzed yet"));
        continue;
      }
      analyzeTable(tx, table, target.columns(), verbose, sink);
    }
  }

  private void analyzeTable(Transaction tx, TableDef table, List<String> columns, boolean verbose, QuerySink sink) {
    if (verbose) {
      sink.notice(new Notice("INFO", "00000", "analyzing \"" + table.schemaName() + "." + table.name() + "\""));
    }
    Analyze.Result r = Analyze.analyze(storage, tx, table, columns,
        (int) Math.max(1, Math.min(10_000, Long.parseLong(settings.get("default_statistics_target")))));
    storage.statistics(table.oid()).countAnalyze(false);
    if (verbose) {
      sink.notice(new Notice("INFO", "00000", "\"" + table.name() + "\": scanned " + r.pages() + " of " + r.pages()
          + " pages, containing " + r.liveRows() + " live rows and " + r.deadRows() + " dead rows; " + r.sampleRows()
          + " rows in sample, " + r.liveRows() + " estimated total rows"));
    }
  }

  private void vacuumTable(Transaction tx, TableDef table, boolean verbose, QuerySink sink) {
    if (table.oid() < Oids.FIRST_NORMAL_OBJECT_ID) {
      // Catalog readers register no snapshot xmin, so catalog versions must not be removed under them.
      sink.notice(new Notice("WARNING", SqlState.FEATURE_NOT_SUPPORTED,
          "skipping \"" + table.name() + "\" --- system catalogs are not vacuumed yet"));
      return;
    }
    tx.lockRelation(table.oid(), LockMode.SHARE_UPDATE_EXCLUSIVE);
    String qualified = "\"" + database + "." + table.schemaName() + "." + table.name() + "\"";
    if (verbose) sink.notice(new Notice("INFO", "00000", "vacuuming " + qualified));
    VacuumStats s = storage.heap(table).vacuum(tx);
    storage.statistics(table.oid()).countVacuum(false);
    if (verbose) {
      if (s.remainingPages() < s.pages()) {
        sink.notice(new Notice("INFO", "00000", "table \"" + table.name() + "\": truncated " + s.pages() + " to "
            + s.remainingPages() + " pages"));
      }
      sink.notice(new Notice("INFO", "00000", "finished vacuuming " + qualified + ": index scans: 0\n"
          + "pages: " + (s.pages() - s.remainingPages()) + " removed, " + s.remainingPages() + " remain, "
          + s.pages() + " scanned (100.00% of total)\n"
          + "tuples: " + s.removed() + " removed, " + s.remaining() + " remain, " + s.deadNotRemovable()
          + " are dead but not yet removable"));
    }
  }

  private TableDef table(Transaction tx, List<String> name) {
    String schema = name.size() > 1 ? name.get(name.size() - 2) : "public";
    return storage.catalog().table(tx, schema, name.get(name.size() - 1)).orElseThrow(() ->
        DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", name) + "\" does not exist"));
  }

  /** LOCK TABLE: every named table in the mode, in order, inside a transaction block only (as PostgreSQL). */
  private void lockTables(UtilityCommand.LockTable lock) {
    LockMode mode = LockMode.fromSqlName(lock.mode());
    if (mode == null) {
      throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + lock.mode() + "\"");
    }
    if (block.state() != TransactionBlock.State.EXPLICIT) {
      throw DbException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "LOCK TABLE can only be used in transaction blocks");
    }
    Transaction tx = block.beginStatement();
    for (List<String> name : lock.names()) {
      TableDef table = table(tx, name);
      String relname = table.name();
      if (!lock.nowait()) {
        tx.lockRelation(table.oid(), mode);
      } else if (!tx.tryLockRelation(table.oid(), mode)) {
        throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"" + relname + "\"");
      }
    }
  }

  /** Outside a transaction a SET takes effect for good at once; inside one it is undone if it aborts. */
  private boolean inTransaction() { return block.state() != TransactionBlock.State.IDLE; }

  private String showValue(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("transaction_isolation")) return block.isolationLevel().sqlName();
    if (lower.equals("transaction_read_only")) {
      return block.readOnly() ? "on" : settings.get("default_transaction_read_only");
    }
    return settings.get(name);
  }

  /** Sends ParameterStatus for every reported setting that changed. */
  void reportChanges(QuerySink sink) {
    for (Map.Entry<String, String> e : settings.drainReports().entrySet()) {
      sink.parameterStatus(e.getKey(), e.getValue());
    }
  }

  /**
   * The level a BEGIN or SET TRANSACTION names, or null. DEFERRABLE is accepted and has no effect: a SERIALIZABLE
   * READ ONLY transaction does not wait for a safe snapshot (so, unlike PostgreSQL's, it may still get 40001).
   */
  private static IsolationLevel isolation(TransactionModes modes) {
    String level = modes.isolationLevel();
    return level == null ? null : IsolationLevel.fromSqlName(level);
  }
}
