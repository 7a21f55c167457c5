package org.minidb.sql.copy;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * COPY's format options after PostgreSQL's defaults and checks (ProcessCopyOptions): text uses a tab and
 * {@code \N}; csv a comma, the empty string, {@code "} as quote and the quote as escape.
 */
public record CopyOptions(boolean csv, char delimiter, String nullString, boolean header, char quote,
    char escape) {

  /** Builds the options from what the statement gave (null: not given), with PostgreSQL's messages. */
  static CopyOptions of(String format, String delimiter, String nullString, Boolean header, String quote,
      String escape) {
    boolean csv = false;
    if (format != null) {
      switch (format) {
        case "text" -> { }
        case "csv" -> csv = true;
        case "binary" -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY BINARY is not supported yet");
        default -> throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
            "COPY format \"" + format + "\" not recognized");
      }
    }
    if (delimiter != null && delimiter.length() != 1) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY delimiter must be a single one-byte character");
    }
    if (!csv && quote != null) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode");
    }
    if (!csv && escape != null) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode");
    }
    if (quote != null && quote.length() != 1) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote must be a single one-byte character");
    }
    if (escape != null && escape.length() != 1) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape must be a single one-byte character");
    }
    char delim = delimiter != null ? delimiter.charAt(0) : csv ? ',' : '\t';
    if (delim == '\r' || delim == '\n') {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline or carriage return");
    }
    if (!csv && (delim == '\\' || "abcdefghijklmnopqrstuvwxyz0123456789.".indexOf(Character.toLowerCase(delim)) >= 0)) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be \"" + delim + "\"");
    }
    String nul = nullString != null ? nullString : csv ? "" : "\\N";
    if (nul.indexOf('\r') >= 0 || nul.indexOf('\n') >= 0) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
          "COPY null representation cannot use newline or carriage return");
    }
    char q = quote != null ? quote.charAt(0) : '"';
    if (csv && delim == q) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
    }
    char e = escape != null ? escape.charAt(0) : q;
    if (nul.indexOf(delim) >= 0) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter must not appear in the NULL specification");
    }
    return new CopyOptions(csv, delim, nul, header != null && header, q, e);
  }
}
