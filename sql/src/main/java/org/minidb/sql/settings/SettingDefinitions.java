package org.minidb.sql.settings;

import static org.minidb.sql.settings.SettingDefinition.Context.INTERNAL;
import static org.minidb.sql.settings.SettingDefinition.Context.POSTMASTER;
import static org.minidb.sql.settings.SettingDefinition.Context.USER;
import static org.minidb.sql.settings.SettingDefinition.Kind.BOOL;
import static org.minidb.sql.settings.SettingDefinition.Kind.ENUM;
import static org.minidb.sql.settings.SettingDefinition.Kind.INTEGER;
import static org.minidb.sql.settings.SettingDefinition.Kind.REAL;
import static org.minidb.sql.settings.SettingDefinition.Kind.STRING;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/** Every setting MiniDB knows, with PostgreSQL's names, defaults and units. */
public final class SettingDefinitions {
  private SettingDefinitions() {}

  public static final String SERVER_VERSION = "15.8 (MiniDB 0.1)";

  private static final Map<String, SettingDefinition> ALL = new LinkedHashMap<>();

  private static void define(String name, SettingDefinition.Kind kind, String def,
      SettingDefinition.Context context, boolean reported, String unit, String description) {
    ALL.put(name, new SettingDefinition(name, kind, def, context, reported, unit, description));
  }

  static {
    // Reported settings, in the order PostgreSQL 15 sends them at startup.
    define("application_name", STRING, "", USER, true, null, "Sets the application name to be reported.");
    define("client_encoding", STRING, "UTF8", USER, true, null, "Sets the client's character set encoding.");
    define("DateStyle", STRING, "ISO, MDY", USER, true, null, "Sets the display format for date and time values.");
    define("default_transaction_read_only", BOOL, "off", USER, true, null,
        "Sets the default read-only status of new transactions.");
    define("in_hot_standby", BOOL, "off", INTERNAL, true, null, "Shows whether hot standby is currently active.");
    define("integer_datetimes", BOOL, "on", INTERNAL, true, null, "Shows whether datetimes are integer based.");
    define("IntervalStyle", ENUM, "postgres", USER, true, null, "Sets the display format for interval values.");
    define("is_superuser", BOOL, "on", INTERNAL, true, null, "Shows whether the current user is a superuser.");
    define("server_encoding", STRING, "UTF8", INTERNAL, true, null, "Shows the server (database) character set.");
    define("server_version", STRING, SERVER_VERSION, INTERNAL, true, null, "Shows the server version.");
    define("session_authorization", STRING, "postgres", INTERNAL, true, null,
        "Sets the session user name.");
    define("standard_conforming_strings", BOOL, "on", USER, true, null,
        "Causes '...' strings to treat backslashes literally.");
    define("TimeZone", STRING, "Etc/UTC", USER, true, null, "Sets the time zone for displaying timestamps.");
    // Server settings.
    define("port", INTEGER, "5432", POSTMASTER, false, null, "Sets the TCP port the server listens on.");
    define("listen_addresses", STRING, "127.0.0.1", POSTMASTER, false, null,
        "Sets the host name or IP address(es) to listen to.");
    define("max_connections", INTEGER, "100", POSTMASTER, false, null,
        "Sets the maximum number of concurrent connections.");
    define("shared_buffers", INTEGER, "128MB", POSTMASTER, false, "8kB",
        "Sets the number of shared memory buffers used by the server.");
    define("shared_memory_file", STRING, "", POSTMASTER, false, null,
        "Maps the shared memory region from this file (e.g. under /dev/shm) instead of anonymous memory.");
    define("fsync", BOOL, "on", POSTMASTER, false, null, "Forces synchronization of updates to disk.");
    define("checkpoint_timeout", INTEGER, "5min", POSTMASTER, false, "s",
        "Sets the maximum time between automatic WAL checkpoints.");
    define("max_wal_size", INTEGER, "1GB", POSTMASTER, false, "MB",
        "Sets the WAL size that triggers a checkpoint.");
    define("autovacuum", BOOL, "on", POSTMASTER, false, null, "Starts the autovacuum worker.");
    define("autovacuum_naptime", INTEGER, "1min", POSTMASTER, false, "s",
        "Time to sleep between autovacuum runs.");
    define("autovacuum_vacuum_threshold", INTEGER, "50", POSTMASTER, false, null,
        "Minimum number of tuple updates or deletes prior to vacuum.");
    define("autovacuum_vacuum_scale_factor", STRING, "0.2", POSTMASTER, false, null,
        "Number of tuple updates or deletes prior to vacuum as a fraction of reltuples.");
    define("autovacuum_analyze_threshold", INTEGER, "50", POSTMASTER, false, null,
        "Minimum number of tuple inserts, updates, or deletes prior to analyze.");
    define("autovacuum_analyze_scale_factor", STRING, "0.1", POSTMASTER, false, null,
        "Number of tuple inserts, updates, or deletes prior to analyze as a fraction of reltuples.");
    define("default_statistics_target", INTEGER, "100", USER, false, null,
        "Sets the default statistics target.");
    define("min_wal_size", INTEGER, "80MB", POSTMASTER, false, "MB",
        "Sets the minimum size to shrink the WAL to.");
    define("wal_writer_delay", INTEGER, "200ms", POSTMASTER, false, "ms",
        "Time between WAL flushes performed in the WAL writer.");
    define("wal_writer_flush_after", INTEGER, "1MB", POSTMASTER, false, "8kB",
        "Amount of WAL written out by WAL writer that triggers a flush.");
    define("concurrency_mode", ENUM, "thread", POSTMASTER, false, null,
        "thread: backends are threads of one process; process: one process per backend.");
    define("log_min_messages", ENUM, "info", USER, false, null, "Sets the message levels that are logged.");
    define("work_mem", INTEGER, "4MB", USER, false, "kB",
        "Sets the maximum memory to be used for query workspaces.");
    define("search_path", STRING, "\"$user\", public", USER, false, null,
        "Sets the schema search order for names that are not schema-qualified.");
    define("plan_cache_mode", ENUM, "auto", USER, false, null,
        "Controls the planner's selection of custom or generic plan.");
    define("transaction_isolation", ENUM, "read committed", USER, false, null,
        "Sets the current transaction's isolation level.");
    define("default_transaction_isolation", ENUM, "read committed", USER, false, null,
        "Sets the transaction isolation level of each new transaction.");
    define("transaction_read_only", BOOL, "off", USER, false, null,
        "Sets the current transaction's read-only status.");
    define("extra_float_digits", INTEGER, "1", USER, false, null,
        "Sets the number of digits displayed for floating-point values.");
    define("statement_timeout", INTEGER, "0", USER, false, "ms",
        "Sets the maximum allowed duration of any statement.");
    define("lock_timeout", INTEGER, "0", USER, false, "ms",
        "Sets the maximum allowed duration of any wait for a lock.");
    define("deadlock_timeout", INTEGER, "1s", USER, false, "ms",
        "Sets the time to wait on a lock before checking for deadlock.");
    define("idle_in_transaction_session_timeout", INTEGER, "0", USER, false, "ms",
        "Sets the maximum allowed idle time between queries, when in a transaction.");
    define("idle_session_timeout", INTEGER, "0", USER, false, "ms",
        "Sets the maximum allowed idle time between queries, when not in a transaction.");
    define("client_min_messages", ENUM, "notice", USER, false, null,
        "Sets the message levels that are sent to the client.");
    define("max_identifier_length", INTEGER, "63", INTERNAL, false, null,
        "Shows the maximum identifier length.");
    define("server_version_num", INTEGER, "150008", INTERNAL, false, null,
        "Shows the server version as an integer.");
    define("jit", BOOL, "off", USER, false, null, "Allow JIT compilation (accepted, has no effect).");
    define("synchronous_commit", ENUM, "on", USER, false, null,
        "Sets the current transaction's synchronization level.");
    define("wal_sync_method", ENUM, "fdatasync", INTERNAL, false, null,
        "Selects the method used for forcing WAL updates to disk.");
    define("full_page_writes", BOOL, "on", INTERNAL, false, null,
        "Writes full pages to WAL when first modified after a checkpoint.");
    // Query Tuning / Planner Cost Constants and Planner Method Configuration (PlannerSettings reads them).
    define("seq_page_cost", REAL, "1", USER, false, null,
        "Sets the planner's estimate of the cost of a sequentially fetched disk page.");
    define("random_page_cost", REAL, "4", USER, false, null,
        "Sets the planner's estimate of the cost of a nonsequentially fetched disk page.");
    define("cpu_tuple_cost", REAL, "0.01", USER, false, null,
        "Sets the planner's estimate of the cost of processing each tuple (row).");
    define("cpu_index_tuple_cost", REAL, "0.005", USER, false, null,
        "Sets the planner's estimate of the cost of processing each index entry during an index scan.");
    define("cpu_operator_cost", REAL, "0.0025", USER, false, null,
        "Sets the planner's estimate of the cost of processing each operator or function call.");
    define("effective_cache_size", INTEGER, "4GB", USER, false, "8kB",
        "Sets the planner's assumption about the total size of the data caches.");
    for (String[] e : new String[][] {
        {"enable_async_append", "on", "async append plans"},
        {"enable_bitmapscan", "on", "bitmap-scan plans"},
        {"enable_gathermerge", "on", "gather merge plans"},
        {"enable_hashagg", "on", "hashed aggregation plans"},
        {"enable_hashjoin", "on", "hash join plans"},
        {"enable_incremental_sort", "on", "incremental sort steps"},
        {"enable_indexonlyscan", "on", "index-only-scan plans"},
        {"enable_indexscan", "on", "index-scan plans"},
        {"enable_material", "on", "materialization"},
        {"enable_memoize", "on", "memoization"},
        {"enable_mergejoin", "on", "merge join plans"},
        {"enable_nestloop", "on", "nested-loop join plans"},
        {"enable_parallel_append", "on", "parallel append plans"},
        {"enable_parallel_hash", "on", "parallel hash plans"},
        {"enable_seqscan", "on", "sequential-scan plans"},
        {"enable_sort", "on", "explicit sort steps"},
        {"enable_tidscan", "on", "TID scan plans"}}) {
      define(e[0], BOOL, e[1], USER, false, null, "Enables the planner's use of " + e[2] + ".");
    }
    define("enable_partition_pruning", BOOL, "on", USER, false, null,
        "Enables plan-time and execution-time partition pruning.");
    define("enable_partitionwise_aggregate", BOOL, "off", USER, false, null,
        "Enables partitionwise aggregation and grouping.");
    define("enable_partitionwise_join", BOOL, "off", USER, false, null, "Enables partitionwise join.");
  }

  /** The definition of a setting by its name (case-insensitive), or 42704 as PostgreSQL reports it. */
  public static SettingDefinition get(String name) {
    SettingDefinition d = find(name);
    if (d == null) {
      throw DbException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }
    return d;
  }

  public static SettingDefinition find(String name) {
    SettingDefinition d = ALL.get(name);
    if (d != null) return d;
    for (SettingDefinition candidate : ALL.values()) {
      if (candidate.name().equalsIgnoreCase(name)) return candidate;
    }
    return null;
  }

  public static Collection<SettingDefinition> all() { return ALL.values(); }

  /** The lower-case spelling PostgreSQL uses in MINIDB_ environment names: MINIDB_SHARED_BUFFERS. */
  public static String environmentName(SettingDefinition d) {
    return "MINIDB_" + d.name().toUpperCase(Locale.ROOT);
  }
}
