package org.minidb.sql;

/** A NoticeResponse: severity (NOTICE, WARNING, ...), SQLSTATE, message and an optional DETAIL (or null). */
public record Notice(String severity, String sqlState, String message, String detail) {
  public Notice(String severity, String sqlState, String message) { this(severity, sqlState, message, null); }
}
