package org.minidb.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log_min_messages} (PostgreSQL's level names) to the logging backend. PostgreSQL ranks its
 * LOG level (server lifecycle lines such as "database system is ready to accept connections") between ERROR
 * and FATAL for the server log, so those lines, written by the postmaster's logger, stay visible at every
 * setting below fatal.
 */
final class LogLevels {
  private LogLevels() {}

  static void apply(String logMinMessages) {
    if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root)) return;
    root.setLevel(toLevel(logMinMessages));
    String level = logMinMessages.toLowerCase(Locale.ROOT);
    Logger postmaster = (Logger) LoggerFactory.getLogger(MiniDbServer.class);
    postmaster.setLevel(level.equals("fatal") || level.equals("panic") ? Level.ERROR
        : root.getLevel().isGreaterOrEqual(Level.INFO) ? Level.INFO : root.getLevel());
  }

  static Level toLevel(String pgLevel) {
    return switch (pgLevel.toLowerCase(Locale.ROOT)) {
      case "debug5", "debug4", "debug3" -> Level.TRACE;
      case "debug2", "debug1", "debug" -> Level.DEBUG;
      case "info", "notice", "log" -> Level.INFO;
      case "warning" -> Level.WARN;
      case "error", "fatal", "panic" -> Level.ERROR;
      default -> Level.INFO;
    };
  }
}
