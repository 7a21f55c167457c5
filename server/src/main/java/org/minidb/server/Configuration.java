package org.minidb.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minidb.sql.settings.SettingDefinition;
import org.minidb.sql.settings.SettingDefinitions;
import org.minidb.sql.settings.ServerSettings;

/**
 * Merges the three sources of settings, lowest precedence first: {@code minidb.conf} in the data directory,
 * {@code MINIDB_<NAME>} environment variables, command-line flags. The result is validated at once with
 * {@link ServerSettings#of}, so a bad value stops the server before it touches the data directory.
 */
final class Configuration {
  static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

  private Configuration() {}

  static ServerOptions resolve(CommandLine commandLine, Map<String, String> environment) {
    Path dataDirectory = commandLine.dataDirectory() != null ? commandLine.dataDirectory() : DEFAULT_DATA_DIRECTORY;
    Map<String, String> settings = new LinkedHashMap<>(ConfigFile.read(dataDirectory.resolve(ConfigFile.FILE_NAME)));
    for (SettingDefinition d : SettingDefinitions.all()) {
      String value = environment.get(SettingDefinitions.environmentName(d));
      if (value != null) settings.put(d.name(), value);
    }
    settings.putAll(commandLine.settings());
    ServerSettings.of(settings); // validates; throws DbException with PostgreSQL's message
    return new ServerOptions(dataDirectory, settings);
  }
}
