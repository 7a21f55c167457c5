package org.minidb.sql.settings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.cost.CostParameters;

/**
 * The settings of one session: the server's values, changed by startup parameters, SET and RESET. SET LOCAL
 * changes are undone when the transaction ends. Changes to reported settings are collected so the session
 * can send ParameterStatus for them.
 */
public final class SessionSettings {
  private final ServerSettings server;
  private final Map<String, String> values;
  /** The value each setting had before the first SET LOCAL of the current transaction. */
  private final Map<String, String> beforeLocal = new HashMap<>();
  /** The value each setting had before the current transaction first changed it: an abort restores them. */
  private final Map<String, String> beforeTransaction = new HashMap<>();
  private final Map<String, String> pendingReports = new LinkedHashMap<>();
  private ZoneId zone;
  /** The planner's parameters from the current values; null when a planner setting changed since. */
  private CostParameters costParameters;

  public SessionSettings(ServerSettings server) {
    this.server = server;
    this.values = new HashMap<>(server.all());
    this.zone = parseZone(values.get("TimeZone"));
  }

  public String get(String name) {
    SettingDefinition d = SettingDefinitions.find(name);
    if (d == null) {
      String custom = values.get(name.toLowerCase(Locale.ROOT));
      if (custom == null) {
        throw DbException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
      }
      return custom;
    }
    return values.get(d.name());
  }

  /** The canonical spelling of a setting's name (SHOW's column name), e.g. DateStyle for datestyle. */
  public static String canonicalName(String name) {
    SettingDefinition d = SettingDefinitions.find(name);
    return d == null ? name.toLowerCase(Locale.ROOT) : d.name();
  }

  public long getLong(String name) {
    SettingDefinition d = SettingDefinitions.get(name);
    return d.numericValue(values.get(d.name()));
  }

  public ZoneId timeZone() { return zone; }

  /** What the planner reads of these settings (enable_*, the cost constants, work_mem), for one planning call. */
  public CostParameters costParameters() {
    CostParameters p = costParameters;
    if (p == null) costParameters = p = PlannerSettings.of(this);
    return p;
  }

  /**
   * SET name TO values (an empty list means DEFAULT). {@code atStartup} allows what only a startup packet
   * may set.
   */
  public void set(String name, List<String> valueList, boolean local) {
    set(name, valueList, local, false);
  }

  /**
   * SET inside a transaction ({@code transactional}): as in PostgreSQL, the change is undone if the
   * transaction aborts.
   */
  public void set(String name, List<String> valueList, boolean local, boolean transactional) {
    SettingDefinition d = SettingDefinitions.find(name);
    if (d == null) {
      if (!name.contains(".")) {
        throw DbException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
      }
      String key = name.toLowerCase(Locale.ROOT);
      remember(key, local, transactional);
      values.put(key, String.join(", ", valueList));
      return;
    }
    checkChangeable(d);
    String value = valueList.isEmpty() ? server.get(d.name()) : d.normalize(String.join(", ", valueList));
    value = validate(d, value);
    remember(d.name(), local, transactional);
    put(d, value);
  }

  /** RESET name: back to the server's value. */
  public void reset(String name, boolean transactional) {
    SettingDefinition d = SettingDefinitions.get(name);
    checkChangeable(d);
    remember(d.name(), false, transactional);
    put(d, server.get(d.name()));
  }

  /** RESET ALL: every user-changeable setting back to the server's value. */
  public void resetAll(boolean transactional) {
    for (SettingDefinition d : SettingDefinitions.all()) {
      if (d.context() == SettingDefinition.Context.USER && !d.name().startsWith("transaction_")) {
        remember(d.name(), false, transactional);
        put(d, server.get(d.name()));
      }
    }
  }

  /** The transaction ended: undo its SET LOCAL changes, and all its SETs if it aborted. */
  public void endTransaction(boolean committed) {
    restore(beforeLocal);
    if (!committed) restore(beforeTransaction);
    beforeLocal.clear();
    beforeTransaction.clear();
  }

  private void restore(Map<String, String> saved) {
    for (Map.Entry<String, String> e : saved.entrySet()) {
      SettingDefinition d = SettingDefinitions.find(e.getKey());
      if (d == null) values.put(e.getKey(), e.getValue());
      else put(d, e.getValue());
    }
  }

  /** Reported settings changed since the last call, to send as ParameterStatus. */
  public Map<String, String> drainReports() {
    if (pendingReports.isEmpty()) return Map.of();
    Map<String, String> out = new LinkedHashMap<>(pendingReports);
    pendingReports.clear();
    return out;
  }

  /** The reported settings with their current values, in the order PostgreSQL sends them at startup. */
  public Map<String, String> reported() {
    Map<String, String> out = new LinkedHashMap<>();
    for (SettingDefinition d : SettingDefinitions.all()) {
      if (d.reported()) out.put(d.name(), values.get(d.name()));
    }
    return out;
  }

  /** Sets an INTERNAL value the server decides (e.g. session_authorization, is_superuser). */
  public void setInternal(String name, String value) {
    SettingDefinition d = SettingDefinitions.get(name);
    put(d, value);
  }

  private void put(SettingDefinition d, String value) {
    String old = values.put(d.name(), value);
    if (d.name().equals("TimeZone")) zone = parseZone(value);
    if (PlannerSettings.affectsPlanner(d.name())) costParameters = null;
    if (d.reported() && !value.equals(old)) pendingReports.put(d.name(), value);
  }

  private void remember(String key, boolean local, boolean transactional) {
    // A key first set in this transaction by a plain SET and then by SET LOCAL restores to the pre-transaction
    // value on abort either way; beforeLocal restores the value SET LOCAL replaced at commit too.
    if (local) beforeLocal.putIfAbsent(key, values.get(key));
    if (transactional) beforeTransaction.putIfAbsent(key, values.get(key));
  }

  private static void checkChangeable(SettingDefinition d) {
    switch (d.context()) {
      case POSTMASTER -> throw DbException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM,
          "parameter \"" + d.name() + "\" cannot be changed without restarting the server");
      case INTERNAL -> throw DbException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM,
          "parameter \"" + d.name() + "\" cannot be changed");
      default -> { }
    }
  }

  /** Values MiniDB supports of the settings whose every value is not (yet) implemented. */
  static String validate(SettingDefinition d, String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return switch (d.name()) {
      case "TimeZone" -> {
        parseZone(value);
        yield value;
      }
      case "client_encoding" -> {
        if (!lower.equals("utf8") && !lower.equals("utf-8") && !lower.equals("unicode")) {
          throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
              "client encoding \"" + value + "\" is not supported; MiniDB speaks UTF8 only");
        }
        yield "UTF8";
      }
      case "DateStyle" -> {
        if (!lower.startsWith("iso")) {
          throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "DateStyle \"" + value + "\" is not supported yet");
        }
        yield "ISO, MDY";
      }
      case "IntervalStyle" -> {
        if (!lower.equals("postgres")) {
          throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "IntervalStyle \"" + value + "\" is not supported yet");
        }
        yield "postgres";
      }
      case "transaction_isolation", "default_transaction_isolation" -> {
        if (!List.of("read committed", "read uncommitted", "repeatable read", "serializable").contains(lower)) {
          throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
              "invalid value for parameter \"" + d.name() + "\": \"" + value + "\"")
              .withHint("Available values: serializable, repeatable read, read committed, read uncommitted.");
        }
        yield lower;
      }
      case "plan_cache_mode" -> {
        if (!List.of("auto", "force_generic_plan", "force_custom_plan").contains(lower)) {
          throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
              "invalid value for parameter \"plan_cache_mode\": \"" + value + "\"")
              .withHint("Available values: auto, force_generic_plan, force_custom_plan.");
        }
        yield lower;
      }
      case "synchronous_commit" -> {
        // PostgreSQL's values (there are no standbys here: all but off mean a flushed commit record), and the
        // boolean spellings it accepts for on and off.
        yield switch (lower) {
          case "local", "remote_write", "remote_apply", "on", "off" -> lower;
          case "true", "yes", "1" -> "on";
          case "false", "no", "0" -> "off";
          default -> throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
              "invalid value for parameter \"synchronous_commit\": \"" + value + "\"")
              .withHint("Available values: local, remote_write, remote_apply, on, off.");
        };
      }
      case "standard_conforming_strings" -> {
        if (!lower.equals("on")) {
          throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "standard_conforming_strings must stay on");
        }
        yield "on";
      }
      default -> value;
    };
  }

  private static ZoneId parseZone(String value) {
    String v = value.trim();
    try {
      if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("gmt") || v.equalsIgnoreCase("z")) return ZoneId.of("UTC");
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"TimeZone\": \"" + value + "\"", e);
    }
  }
}
