package org.minidb.sql;

/** A NoticeResponse: severity (NOTICE, WARNING, ...), SQLSTATE and message. */
public record Notice(String severity, String sqlState, String message) {}
