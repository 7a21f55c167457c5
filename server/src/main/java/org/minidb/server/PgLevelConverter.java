package org.minidb.server;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Shows a log level with PostgreSQL's severity names in log lines: LOG, WARNING, ERROR, DEBUG1, DEBUG5. */
public final class PgLevelConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return switch (event.getLevel().toString()) {
      case "INFO" -> "LOG";
      case "WARN" -> "WARNING";
      case "DEBUG" -> "DEBUG1";
      case "TRACE" -> "DEBUG5";
      default -> event.getLevel().toString();
    };
  }
}
