package org.minidb.sql.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * The server-wide values of every setting, fixed at start from (lowest to highest precedence) the built-in
 * defaults, {@code minidb.conf}, {@code MINIDB_<NAME>} environment variables and {@code -c} flags. Sessions
 * start from these and may change USER settings with SET. Immutable.
 */
public final class ServerSettings {
  private final Map<String, String> values;

  private ServerSettings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Validates and normalizes the given overrides on top of the defaults.
   *
   * @throws DbException 22023 for a bad value, 42704 for an unknown name
   */
  public static ServerSettings of(Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    for (SettingDefinition d : SettingDefinitions.all()) {
      values.put(d.name(), d.normalize(d.defaultValue()));
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      SettingDefinition d = SettingDefinitions.get(e.getKey());
      if (d.context() == SettingDefinition.Context.INTERNAL) {
        throw DbException.of(SqlState.CANT_CHANGE_RUNTIME_PARAM,
            "parameter \"" + d.name() + "\" cannot be changed");
      }
      // The same checks as SET: a value MiniDB cannot honour is refused at start, never shown as if it were.
      values.put(d.name(), SessionSettings.validate(d, d.normalize(e.getValue())));
    }
    return new ServerSettings(values);
  }

  public String get(String name) { return values.get(SettingDefinitions.get(name).name()); }

  /** A numeric setting in its base unit (bytes for memory, milliseconds for time). */
  public long getLong(String name) {
    SettingDefinition d = SettingDefinitions.get(name);
    return d.numericValue(values.get(d.name()));
  }

  public boolean getBool(String name) { return "on".equals(get(name)); }

  public Map<String, String> all() { return values; }
}
