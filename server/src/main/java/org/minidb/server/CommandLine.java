package org.minidb.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.sql.settings.SettingDefinitions;

/**
 * The command line, with the {@code postgres} binary's options: {@code -D DATADIR}, {@code -p PORT},
 * {@code -h LISTEN_ADDRESSES}, {@code -c name=value} (repeatable; also {@code --name=value}) and
 * {@code --help}.
 *
 * @param dataDirectory {@code -D}, or null when not given
 * @param settings the settings the flags set, by canonical name, in order
 */
record CommandLine(Path dataDirectory, Map<String, String> settings, boolean help) {
  static final String USAGE = """
      minidb is the MiniDB database server, a PostgreSQL-compatible SQL server.

      Usage:
        minidb [OPTION]...

      Options:
        -c NAME=VALUE      set run-time parameter
        -D DATADIR         database directory (default ./data)
        -h HOSTNAME        host name or IP address to listen on (default 127.0.0.1)
        -p PORT            port number to listen on (default 5432)
        --NAME=VALUE       set run-time parameter
        --help             show this help, then exit

      Settings come from, lowest precedence first: DATADIR/minidb.conf, MINIDB_<NAME> environment
      variables (e.g. MINIDB_SHARED_BUFFERS=256MB), then these options.
      """;

  static CommandLine parse(String... args) {
    Path dataDirectory = null;
    Map<String, String> settings = new LinkedHashMap<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-?" -> help = true;
        case "-D" -> dataDirectory = Path.of(value(args, ++i, a));
        case "-p" -> put(settings, "port", value(args, ++i, a));
        case "-h" -> put(settings, "listen_addresses", value(args, ++i, a));
        case "-c" -> setting(settings, value(args, ++i, a));
        default -> {
          if (a.startsWith("-D") && a.length() > 2) dataDirectory = Path.of(a.substring(2));
          else if (a.startsWith("-p") && a.length() > 2) put(settings, "port", a.substring(2));
          else if (a.startsWith("-h") && a.length() > 2) put(settings, "listen_addresses", a.substring(2));
          else if (a.startsWith("-c") && a.length() > 2) setting(settings, a.substring(2));
          else if (a.startsWith("--") && a.contains("=")) setting(settings, a.substring(2));
          else throw invalid("invalid argument: \"" + a + "\"");
        }
      }
    }
    return new CommandLine(dataDirectory, settings, help);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) throw invalid("option requires an argument -- '" + option.substring(1) + "'");
    return args[i];
  }

  private static void setting(Map<String, String> settings, String nameValue) {
    int eq = nameValue.indexOf('=');
    if (eq <= 0) throw invalid("--" + nameValue + " requires a value");
    // PostgreSQL accepts dashes for underscores in option names.
    put(settings, nameValue.substring(0, eq).replace('-', '_'), nameValue.substring(eq + 1));
  }

  private static void put(Map<String, String> settings, String name, String value) {
    settings.put(SettingDefinitions.get(name).name(), value);
  }

  private static DbException invalid(String message) {
    return DbException.fatal(SqlState.INVALID_PARAMETER_VALUE, message)
        .withHint("Try \"minidb --help\" for more information.");
  }
}
