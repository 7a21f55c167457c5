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

/** Runs the utility statements: transaction control, SET, RESET, SHOW and CHECKPOINT. */
final class UtilityRunner {
  private final TransactionBlock block;
  private final SessionSettings settings;
  private final StorageEngine storage;

  UtilityRunner(TransactionBlock block, SessionSettings settings, StorageEngine storage) {
    this.block = block;
    this.settings = settings;
    this.storage = storage;
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
        && !(command instanceof UtilityCommand.Commit || command instanceof UtilityCommand.Rollback)) {
      throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
          "current transaction is aborted, commands ignored until end of transaction block");
    }
    switch (command) {
      case UtilityCommand.Begin begin -> {
        checkIsolation(begin.modes());
        boolean readOnly = begin.modes().readOnly() != null ? begin.modes().readOnly()
            : settings.get("default_transaction_read_only").equals("on");
        var warning = block.begin(readOnly);
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
        settings.set(set.name(), set.values(), set.local(), inTransaction());
        sink.commandComplete("SET");
        reportChanges(sink);
      }
      case UtilityCommand.SetTransaction set -> {
        checkIsolation(set.modes());
        if (set.sessionDefault() && set.modes().readOnly() != null) {
          settings.set("default_transaction_read_only", List.of(set.modes().readOnly() ? "on" : "off"), false);
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
      case UtilityCommand.Unsupported u -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          u.feature() + " is not supported yet");
    }
  }

  /** Outside a transaction a SET takes effect for good at once; inside one it is undone if it aborts. */
  private boolean inTransaction() { return block.state() != TransactionBlock.State.IDLE; }

  private String showValue(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
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

  /** Only READ COMMITTED exists until the transactions issue; READ UNCOMMITTED is the same in PostgreSQL. */
  private static void checkIsolation(TransactionModes modes) {
    String level = modes.isolationLevel();
    if (level != null && !level.equals("read committed") && !level.equals("read uncommitted")) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "transaction isolation level " + level.toUpperCase(Locale.ROOT) + " is not supported yet");
    }
  }
}
