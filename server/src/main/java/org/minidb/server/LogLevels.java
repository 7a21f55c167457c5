package org.minidb.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Applies {@code log_min_messages} (PostgreSQL's level names) to the logging backend. */
final class LogLevels {
  private LogLevels() {}

  static void apply(String logMinMessages) {
    if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root)) return;
    root.setLevel(toLevel(logMinMessages));
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
