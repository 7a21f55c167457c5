package org.minidb.sql.engine;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.executor.spill.TempFileSpace;
import org.minidb.planner.Planner;
import org.minidb.sql.Engine;
import org.minidb.sql.Session;
import org.minidb.sql.session.BackendSession;
import org.minidb.sql.settings.ServerSettings;
import org.minidb.sql.settings.SessionSettings;
import org.minidb.storage.AutovacuumSettings;
import org.minidb.storage.StorageConfig;
import org.minidb.storage.StorageEngine;
import org.minidb.storage.catalog.RoleDef;
import org.minidb.storage.engine.PagedStorageEngine;

/** The engine over one data directory: opens storage, authenticates clients and opens their sessions. */
public final class SqlEngine implements Engine {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SqlEngine.class);
  private static final int PLAN_CACHE_SIZE = 10_000;

  private final EngineServices services;
  private final AtomicInteger nextPid;
  private final SecureRandom random = new SecureRandom();

  private SqlEngine(EngineServices services) {
    this.services = services;
    // Backend "pids" are numbers unique within this server, starting above the real process id so they look
    // like (and are as unique as) PostgreSQL's.
    this.nextPid = new AtomicInteger((int) (ProcessHandle.current().pid() % 1_000_000) * 100 + 1);
  }

  private static AutovacuumSettings autovacuum(ServerSettings settings) {
    return new AutovacuumSettings(settings.getBool("autovacuum"), settings.getLong("autovacuum_naptime"),
        settings.getLong("autovacuum_vacuum_threshold"), fraction(settings, "autovacuum_vacuum_scale_factor"),
        settings.getLong("autovacuum_analyze_threshold"), fraction(settings, "autovacuum_analyze_scale_factor"),
        (int) settings.getLong("default_statistics_target"));
  }

  private static double fraction(ServerSettings settings, String name) {
    try {
      return Double.parseDouble(settings.get(name));
    } catch (NumberFormatException e) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter "
          + "\"" + name + "\": \"" + settings.get(name) + "\"", e);
    }
  }

  /** Opens storage in {@code dataDirectory} (bootstrapping it on first start) with the server settings. */
  public static Engine open(ServerSettings settings, Path dataDirectory) {
    String shm = settings.get("shared_memory_file");
    StorageConfig config = new StorageConfig(dataDirectory, settings.getLong("shared_buffers"),
        shm.isEmpty() ? null : Path.of(shm), settings.getBool("fsync"), settings.getLong("checkpoint_timeout"),
        settings.getLong("max_wal_size"), settings.getLong("min_wal_size"), settings.getLong("wal_writer_delay"),
        settings.getLong("wal_writer_flush_after"), autovacuum(settings));
    StorageEngine storage = PagedStorageEngine.open(config);
    // Temporary files of sorts and hashes that spilled before a crash or kill are garbage (PostgreSQL's
    // RemovePgTempFiles at postmaster start).
    int leftovers = TempFileSpace.removeLeftovers(dataDirectory);
    if (leftovers > 0) log.info("removed {} leftover temporary files", leftovers);
    Planner planner = new Planner();
    // Storage makes the entries of expression and partial indexes but cannot evaluate SQL: the planner can.
    storage.setIndexExpressions(planner.indexExpressions());
    // Calcite's first plan costs about a second of class loading and initialization. Pay it in the
    // background so the server accepts connections at once; a client that comes earlier just waits on it.
    Thread.ofPlatform().daemon().name("planner-warm-up").start(() -> {
      try {
        planner.warmUp();
      } catch (RuntimeException e) {
        log.warn("planner warm-up failed", e);
      }
    });
    return new SqlEngine(new EngineServices(storage, planner, new PlanCache(PLAN_CACHE_SIZE), settings,
        dataDirectory, new StatementTimer()));
  }

  @Override
  public Session connect(Map<String, String> startupParameters) {
    String user = startupParameters.get("user");
    if (user == null || user.isEmpty()) {
      throw DbException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no PostgreSQL user name specified in startup packet");
    }
    String database = startupParameters.getOrDefault("database", user);
    if (database.isEmpty()) database = user;
    var catalog = services.storage().catalog();
    RoleDef role = catalog.role(user).orElseThrow(() -> DbException.fatal(
        SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist"));
    if (!role.canLogin()) {
      throw DbException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "role \"" + user + "\" is not permitted to log in");
    }
    final String db = database;
    catalog.database(db).orElseThrow(() -> DbException.fatal(SqlState.UNDEFINED_DATABASE,
        "database \"" + db + "\" does not exist"));
    SessionSettings settings = new SessionSettings(services.settings());
    settings.setInternal("session_authorization", user);
    settings.setInternal("is_superuser", role.superuser() ? "on" : "off");
    try {
      for (Map.Entry<String, String> p : startupParameters.entrySet()) {
        applyStartupParameter(settings, p.getKey(), p.getValue());
      }
    } catch (DbException e) {
      throw e.asFatal();
    }
    return new BackendSession(services, settings, db, nextPid.getAndIncrement(), random.nextInt());
  }

  /** Startup packet parameters: settings by name, and {@code options} holding {@code -c name=value} words. */
  private static void applyStartupParameter(SessionSettings settings, String name, String value) {
    switch (name) {
      case "user", "database", "replication" -> { }
      case "options" -> {
        for (String[] setting : parseOptions(value)) settings.set(setting[0], List.of(setting[1]), false);
      }
      default -> settings.set(name, List.of(value), false);
    }
  }

  /** Splits {@code -c a=b -c c=d --e=f} (backslash escapes a space, as libpq's options allow). */
  static List<String[]> parseOptions(String options) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (c == '\\' && i + 1 < options.length()) {
        word.append(options.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        if (!word.isEmpty()) words.add(word.toString());
        word.setLength(0);
      } else {
        word.append(c);
      }
    }
    if (!word.isEmpty()) words.add(word.toString());
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String assignment;
      if (w.equals("-c") && i + 1 < words.size()) assignment = words.get(++i);
      else if (w.startsWith("-c")) assignment = w.substring(2);
      else if (w.startsWith("--")) assignment = w.substring(2);
      else throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid command-line argument: " + w);
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw DbException.of(SqlState.SYNTAX_ERROR, "-c " + assignment + " requires a value");
      }
      out.add(new String[] {assignment.substring(0, eq).replace('-', '_').toLowerCase(Locale.ROOT),
          assignment.substring(eq + 1)});
    }
    return out;
  }

  @Override
  public void close() {
    services.statementTimer().close();
    services.storage().close();
  }
}
