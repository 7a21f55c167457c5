package org.minidb.sql.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.cancel.QueryCancel;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.spill.TempFileSpace;
import org.minidb.planner.AlterTableStatement;
import org.minidb.planner.CreateIndexStatement;
import org.minidb.planner.CreateTableStatement;
import org.minidb.planner.DropIndexStatement;
import org.minidb.planner.CreateViewStatement;
import org.minidb.planner.DropTableStatement;
import org.minidb.planner.DropViewStatement;
import org.minidb.planner.PlannedStatement;
import org.minidb.planner.StatementKind;
import org.minidb.planner.Statement;
import org.minidb.planner.cost.CostParameters;
import org.minidb.sql.PortalDescription;
import org.minidb.sql.QuerySink;
import org.minidb.sql.Session;
import org.minidb.sql.StatementDescription;
import org.minidb.sql.TransactionStatus;
import org.minidb.sql.engine.EngineServices;
import org.minidb.sql.engine.CustomPlanChoice;
import org.minidb.sql.engine.LiteralParameters;
import org.minidb.sql.engine.ParameterInlining;
import org.minidb.sql.engine.PlanCache;
import org.minidb.sql.copy.CopyParser;
import org.minidb.sql.copy.CopyStatement;
import org.minidb.sql.engine.StatementTimer;
import org.minidb.sql.parse.PreparedStatementSql;
import org.minidb.sql.parse.StatementSplitter;
import org.minidb.sql.parse.StatementText;
import org.minidb.sql.parse.UtilityCommand;
import org.minidb.sql.parse.UtilityParser;
import org.minidb.sql.settings.SessionSettings;
import org.minidb.storage.tx.Transaction;

/**
 * A client's session: PostgreSQL's traffic cop for one backend. Routes each statement to the utility runner,
 * the DDL runner or the planner and executor; keeps the transaction block, prepared statements and portals.
 * Confined to its backend worker thread.
 */
public final class BackendSession implements Session {
  private static final String NO_SEARCH_PATH = "public";

  private final EngineServices engine;
  private final SessionSettings settings;
  private final TransactionBlock block;
  private final UtilityRunner utilities;
  private final CopyCommand copies = new CopyCommand(this);
  private final Map<String, PreparedStatementEntry> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private final String database;
  private final int pid;
  private final int cancelKey;
  /** This backend's temporary files (base/pgsql_tmp/pgsql_tmp<pid>.<n>); whatever is left is deleted at close. */
  private final TempFileSpace tempFiles;
  /** Set by CancelRequests and the statement timer, checked by the executor and lock waits. */
  private final QueryCancel queryCancel = new QueryCancel();

  public BackendSession(EngineServices engine, SessionSettings settings, String database, int pid,
      int cancelKey) {
    this.engine = engine;
    this.database = database;
    this.settings = settings;
    this.block = new TransactionBlock(engine.storage().transactions(), settings, pid, this::transactionEnded);
    this.utilities = new UtilityRunner(block, settings, engine.storage(), database);
    this.pid = pid;
    this.cancelKey = cancelKey;
    this.tempFiles = TempFileSpace.of(engine.dataDirectory(), pid);
    block.setQueryCancel(queryCancel);
  }

  @Override
  public Map<String, String> reportedSettings() {
    settings.drainReports();
    return settings.reported();
  }

  @Override
  public java.time.ZoneId timeZone() { return settings.timeZone(); }

  @Override
  public int backendPid() { return pid; }

  @Override
  public int cancelKey() { return cancelKey; }

  // ---- simple query protocol ----

  @Override
  public void simpleQuery(String sql, QuerySink sink) {
    List<StatementText> parts = StatementSplitter.split(sql);
    if (parts.isEmpty()) {
      sink.emptyQuery();
      return;
    }
    StatementText current = null;
    queryCancel.commandStarted();
    try {
      for (StatementText part : parts) {
        current = part;
        // As PostgreSQL's, statement_timeout applies to each statement of the message on its own.
        StatementTimer.Armed timeout = armStatementTimeout();
        try {
          runSimpleStatement(part.text(), sink);
        } finally {
          if (timeout != null) timeout.disarm();
        }
      }
      current = null;
      block.endImplicit();
    } catch (DbException e) {
      block.fail();
      sink.error(current != null && e.position() > 0 ? e.withPosition(e.position() + current.offset()) : e);
    } catch (RuntimeException | Error e) {
      if (!Failures.isStatementFailure(e)) throw e;
      block.fail();
      sink.error(Failures.toDbException(e));
    } finally {
      queryCancel.commandEnded();
    }
    utilities.reportChanges(sink);
  }

  /** Arms statement_timeout for the statement starting now; null when it is 0 (off). */
  private StatementTimer.Armed armStatementTimeout() {
    long millis = settings.getLong("statement_timeout");
    return millis > 0 ? engine.statementTimer().arm(queryCancel, millis) : null;
  }

  private void runSimpleStatement(String text, QuerySink sink) {
    if (CopyParser.isCopy(text)) {
      CopyStatement copy = CopyParser.parse(text);
      copies.run(copy, block.beginStatement(), sink);
      return;
    }
    UtilityCommand utility = utility(text);
    if (utility != null) {
      runUtility(utility, sink, true);
      return;
    }
    Transaction tx = block.beginStatement();
    Object[] parameters = new Object[0];
    Statement statement = null;
    LiteralParameters.Parameterized parameterized = block.changedCatalog() ? null : LiteralParameters.of(text);
    if (parameterized != null) {
      try {
        statement = plan(parameterized.sql(), tx, parameterized.types());
        parameters = parameterized.values();
      } catch (DbException e) {
        if (SqlState.QUERY_CANCELED.equals(e.sqlState())) throw e;
        // planned as written below, so that the error names the user's text and positions
      }
    }
    if (statement == null) statement = plan(text, tx, List.of());
    if (statement instanceof PlannedStatement planned && planned.kind() == StatementKind.SELECT) {
      sink.rowDescription(planned.columns());
    }
    runStatement(statement, tx, new Portal(null, parameters, new short[0]), 0, sink);
  }

  /** The utility command in {@code text}, SQL-level prepared statements included, or null for the planner. */
  private static UtilityCommand utility(String text) {
    UtilityCommand utility = UtilityParser.parse(text);
    if (utility != null) return utility;
    PreparedStatementSql.Command prepared = PreparedStatementSql.parse(text);
    return prepared == null ? null : new UtilityCommand.PreparedStatementCommand(prepared);
  }

  /** @param simple whether this is the simple query protocol (results carry their RowDescription) */
  private void runUtility(UtilityCommand utility, QuerySink sink, boolean simple) {
    if (utility instanceof UtilityCommand.PreparedStatementCommand p) {
      SqlPreparedStatements.run(this, p.command(), sink, simple);
    } else {
      utilities.run(utility, sink, simple);
    }
  }

  // ---- for SqlPreparedStatements ----

  Map<String, PreparedStatementEntry> preparedStatements() { return statements; }

  PreparedStatementEntry prepareNamed(String sql, List<DataType> types) { return prepare(sql, types).named(); }

  PreparedStatementEntry currentStatement(String name) { return current(name); }

  Transaction beginStatement() { return block.beginStatement(); }

  String setting(String name) { return settings.get(name); }

  void runStatement(Statement statement, Transaction tx, Portal portal, int maxRows, QuerySink sink) {
    switch (statement) {
      case PlannedStatement planned -> {
        if (planned.kind() != StatementKind.SELECT) checkWritable(planned.kind().name());
        // EXPLAIN ANALYZE runs its statement: a DML one changes data as if run alone.
        if (planned.analyzedKind() != null && planned.analyzedKind() != StatementKind.SELECT) {
          checkWritable(planned.analyzedKind().name());
        }
        PlanExecution.run(portal, planned, execContext(tx, portal.parameters), maxRows, sink);
      }
      case CreateTableStatement create -> {
        checkWritable("CREATE TABLE");
        block.markCatalogChanged();
        sink.commandComplete(DdlRunner.createTable(engine.storage().catalog(), tx, create, sink::notice));
      }
      case DropTableStatement drop -> {
        checkWritable("DROP TABLE");
        block.markCatalogChanged();
        sink.commandComplete(DdlRunner.dropTables(view(tx), tx, drop, sink::notice));
      }
      case CreateViewStatement create -> {
        checkWritable("CREATE VIEW");
        block.markCatalogChanged();
        sink.commandComplete(DdlRunner.createView(engine.storage().catalog(), tx, create));
      }
      case CreateIndexStatement create -> {
        checkWritable("CREATE INDEX");
        block.markCatalogChanged();
        sink.commandComplete(DdlRunner.createIndex(view(tx), tx, create, engine.planner(), sink::notice));
      }
      case DropIndexStatement drop -> {
        checkWritable("DROP INDEX");
        block.markCatalogChanged();
        sink.commandComplete(DdlRunner.dropIndexes(view(tx), tx, drop, sink::notice));
      }
      case AlterTableStatement alter -> {
        checkWritable("ALTER TABLE");
        block.markCatalogChanged();
        sink.commandComplete(AlterTableRunner.run(view(tx), tx, alter, sink::notice));
      }
      case DropViewStatement drop -> {
        checkWritable("DROP VIEW");
        block.markCatalogChanged();
        sink.commandComplete(DdlRunner.dropViews(view(tx), tx, drop, sink::notice));
      }
    }
  }

  /** The context of one execution in {@code tx}: this session's settings, cancel flag and temporary files. */
  ExecContext execContext(Transaction tx, Object[] parameters) {
    return new ExecContext(engine.storage(), tx, tx.snapshot(), parameters, settings.timeZone(), block.startedAt(),
        settings.getLong("work_mem"), settings.get("session_authorization"), database, tempFiles)
        .withQueryCancel(queryCancel);
  }

  org.minidb.storage.StorageEngine storage() { return engine.storage(); }

  void checkWritable(String command) {
    boolean readOnly = block.state() == TransactionBlock.State.EXPLICIT ? block.readOnly()
        : settings.get("default_transaction_read_only").equals("on");
    if (readOnly) {
      throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION,
          "cannot execute " + command + " in a read-only transaction");
    }
  }

  /** The live rows the storage has counted for a table (the planner's size of a table never analyzed). */
  private double liveRows(long relOid) { return engine.storage().statistics(relOid).estimatedRows(); }

  private TransactionCatalogView view(Transaction tx) {
    return new TransactionCatalogView(engine.storage().catalog(), tx, engine.storage().catalog().version(),
        this::liveRows, engine.storage());
  }

  /** Plans through the shared cache, unless this transaction has uncommitted catalog changes. */
  Statement plan(String sql, Transaction tx, List<DataType> parameterTypes) {
    long version = engine.storage().catalog().version();
    boolean cacheable = !block.changedCatalog();
    CostParameters costs = settings.costParameters();
    PlanCache.Key key = new PlanCache.Key(version, NO_SEARCH_PATH, sql, parameterTypes, costs);
    if (cacheable) {
      PlannedStatement cached = engine.planCache().get(key);
      if (cached != null) return cached;
    }
    Statement statement = engine.planner().prepare(sql, new TransactionCatalogView(
        engine.storage().catalog(), tx, version, this::liveRows, engine.storage()), parameterTypes, costs);
    // EXPLAIN is planned anew each time, as in PostgreSQL: its Planning Time is then this statement's.
    if (cacheable && statement instanceof PlannedStatement planned && !planned.isExplain()) {
      engine.planCache().put(key, planned);
    }
    return statement;
  }

  // ---- extended query protocol ----

  @Override
  public void parse(String statementName, String sql, int[] parameterTypeOids) {
    guard(() -> {
      if (!statementName.isEmpty() && statements.containsKey(statementName)) {
        throw DbException.of(SqlState.DUPLICATE_PREPARED_STATEMENT,
            "prepared statement \"" + statementName + "\" already exists");
      }
      List<DataType> types = new ArrayList<>();
      for (int oid : parameterTypeOids) types.add(typeOf(oid));
      List<StatementText> parts = StatementSplitter.split(sql);
      if (parts.size() > 1) {
        throw DbException.of(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
      }
      PreparedStatementEntry entry;
      if (parts.isEmpty()) {
        entry = new PreparedStatementEntry(sql, types, null, null, 0);
      } else {
        UtilityCommand utility = utility(parts.get(0).text());
        if (utility != null) {
          entry = new PreparedStatementEntry(sql, types, utility, null, 0);
        } else {
          entry = prepare(sql, types);
          if (!statementName.isEmpty()) entry = entry.named();
        }
      }
      statements.put(statementName, entry);
    });
  }

  private PreparedStatementEntry prepare(String sql, List<DataType> types) {
    Transaction tx = block.beginStatement();
    long version = engine.storage().catalog().version();
    return new PreparedStatementEntry(sql, types, null, plan(sql, tx, types), version);
  }

  private static DataType typeOf(int oid) {
    if (oid == 0) return null;
    PgType type = PgType.byOid(oid);
    if (type == null) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "parameters of the type with OID " + oid
          + " are not supported yet");
    }
    return type == PgType.UNKNOWN ? null : DataType.of(type);
  }

  /** The entry, re-planned if DDL has committed since it was planned (its tables may have changed). */
  private PreparedStatementEntry current(String name) {
    PreparedStatementEntry entry = statements.get(name);
    if (entry == null) {
      throw DbException.of(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
    }
    if (entry.statement() != null && entry.catalogVersion() != engine.storage().catalog().version()) {
      CustomPlanChoice choice = entry.choice();
      entry = prepare(entry.sql(), entry.parameterTypes());
      // Re-planned, its custom-plan history kept: PostgreSQL's CachedPlanSource keeps num_custom_plans and their
      // cost across invalidations (an autoanalyze of a busy table would otherwise put every session's statements
      // back on five custom plans each, a planner pass per execution).
      if (choice != null) entry = entry.withChoice(choice);
      statements.put(name, entry);
    }
    return entry;
  }

  @Override
  public StatementDescription describeStatement(String statementName) {
    return guard(() -> {
      PreparedStatementEntry entry = current(statementName);
      if (entry.utility() != null) {
        var columns = utilityColumns(entry.utility());
        return new StatementDescription(List.of(), columns, !columns.isEmpty());
      }
      if (entry.statement() instanceof PlannedStatement planned) {
        return new StatementDescription(planned.parameterTypes(), planned.columns(),
            planned.kind() == StatementKind.SELECT);
      }
      return new StatementDescription(List.of(), List.of(), false);
    });
  }

  @Override
  public void bind(String portalName, String statementName, Object[] parameters, short[] resultFormats) {
    guard(() -> {
      PreparedStatementEntry entry = current(statementName);
      int expected = entry.statement() instanceof PlannedStatement p ? p.parameterTypes().size() : 0;
      if (parameters.length != expected) {
        throw DbException.of(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + parameters.length
            + " parameters, but prepared statement \"" + statementName + "\" requires " + expected);
      }
      if (!portalName.isEmpty() && portals.containsKey(portalName)) {
        throw DbException.of("42P03", "portal \"" + portalName + "\" already exists");
      }
      if (block.state() == TransactionBlock.State.FAILED && entry.utility() == null) {
        throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
            "current transaction is aborted, commands ignored until end of transaction block");
      }
      Portal old = portals.put(portalName, new Portal(entry, parameters, resultFormats));
      if (old != null) old.closeExecution();
    });
  }

  @Override
  public PortalDescription describePortal(String portalName) {
    return guard(() -> {
      Portal portal = portal(portalName);
      var columns = portal.statement.utility() != null ? utilityColumns(portal.statement.utility())
          : portal.statement.statement() instanceof PlannedStatement p && p.kind() == StatementKind.SELECT
              ? p.columns() : List.<org.minidb.planner.ResultColumn>of();
      return new PortalDescription(columns, expandFormats(portal.resultFormats, columns.size()), !columns.isEmpty());
    });
  }

  /** The columns a utility command answers with (Describe). */
  private List<org.minidb.planner.ResultColumn> utilityColumns(UtilityCommand utility) {
    return utility instanceof UtilityCommand.PreparedStatementCommand p ? SqlPreparedStatements.columns(this, p.command())
        : UtilityRunner.columns(utility);
  }

  private static short[] expandFormats(short[] formats, int columns) {
    if (formats.length == 0) return new short[columns];
    if (formats.length == 1) {
      short[] all = new short[columns];
      Arrays.fill(all, formats[0]);
      return all;
    }
    if (formats.length != columns) {
      throw DbException.of(SqlState.PROTOCOL_VIOLATION,
          "bind message has " + formats.length + " result formats but query has " + columns + " columns");
    }
    return formats;
  }

  private Portal portal(String name) {
    Portal portal = portals.get(name);
    if (portal == null) throw DbException.of(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
    return portal;
  }

  @Override
  public void execute(String portalName, int maxRows, QuerySink sink) {
    // Extended protocol: statement_timeout runs from Execute to its end (PostgreSQL starts it at Parse).
    queryCancel.commandStarted();
    StatementTimer.Armed timeout = armStatementTimeout();
    try {
      executePortal(portalName, maxRows, sink);
    } finally {
      if (timeout != null) timeout.disarm();
      queryCancel.commandEnded();
    }
  }

  private void executePortal(String portalName, int maxRows, QuerySink sink) {
    guard(() -> {
      Portal portal = portal(portalName);
      PreparedStatementEntry entry = portal.statement;
      if (entry.isEmpty()) {
        sink.emptyQuery();
      } else if (entry.utility() != null) {
        runUtility(entry.utility(), sink, false);
      } else if (portal.operator != null) {
        PlanExecution.run(portal, (PlannedStatement) entry.statement(), portal.context, maxRows, sink);
      } else {
        Transaction tx = block.beginStatement();
        runStatement(planFor(entry, portal, tx), tx, portal, maxRows, sink);
      }
      return null;
    });
  }

  /**
   * The plan an execution of a prepared statement runs: its generic plan, or a custom plan with the bound values
   * inlined when {@link CustomPlanChoice} says so. A custom plan that cannot be made (text the inlining does not
   * handle, a value the planner refuses as a constant) falls back to the generic plan, which is always right.
   */
  Statement planFor(PreparedStatementEntry entry, Portal portal, Transaction tx) {
    CustomPlanChoice choice = entry.choice();
    if (choice == null || !(entry.statement() instanceof PlannedStatement generic)
        || !choice.useCustomPlan(settings.get("plan_cache_mode"), generic)) {
      return entry.statement();
    }
    String text = ParameterInlining.inline(entry.sql(), portal.parameters, generic.parameterTypes());
    if (text == null) return generic;
    try {
      Statement custom = engine.planner().prepare(text, new TransactionCatalogView(engine.storage().catalog(), tx,
          engine.storage().catalog().version()), List.of(), settings.costParameters());
      if (!(custom instanceof PlannedStatement planned) || planned.kind() != generic.kind()
          || planned.columns().size() != generic.columns().size()) {
        return generic;
      }
      choice.customPlanMade(planned);
      return planned;
    } catch (DbException e) {
      if (SqlState.QUERY_CANCELED.equals(e.sqlState())) throw e;
      return generic;
    }
  }

  @Override
  public void close(char kind, String name) {
    if (kind == 'S') {
      statements.remove(name);
    } else {
      Portal portal = portals.remove(name);
      if (portal != null) portal.closeExecution();
    }
  }

  @Override
  public void sync() {
    guard(() -> {
      block.endImplicit();
      return null;
    });
  }

  @Override
  public void statementFailed(DbException error) { block.fail(); }

  @Override
  public TransactionStatus transactionStatus() { return block.status(); }

  @Override
  public void cancel() { queryCancel.cancel(); }

  @Override
  public long idleTimeoutMillis() {
    return settings.getLong(block.status() == TransactionStatus.IDLE ? "idle_session_timeout"
        : "idle_in_transaction_session_timeout");
  }

  @Override
  public DbException idleTimeoutExpired() {
    return block.status() == TransactionStatus.IDLE
        ? DbException.fatal(SqlState.IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout")
        : DbException.fatal(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
            "terminating connection due to idle-in-transaction timeout");
  }

  @Override
  public void close() {
    try {
      block.terminate();
    } finally {
      tempFiles.close();
    }
  }

  /** Portals live as long as their transaction; SET LOCAL ends with it, and an abort undoes its SETs. */
  private void transactionEnded(boolean committed) {
    for (Portal p : portals.values()) p.closeExecution();
    portals.clear();
    settings.endTransaction(committed);
  }

  private void guard(Runnable action) {
    guard(() -> {
      action.run();
      return null;
    });
  }

  /** Runs a protocol step; any failure fails the transaction block and reaches the caller as a DbException. */
  private <T> T guard(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (DbException e) {
      block.fail();
      throw e;
    } catch (RuntimeException | Error e) {
      if (!Failures.isStatementFailure(e)) throw e;
      block.fail();
      throw Failures.toDbException(e);
    }
  }
}
