package org.minidb.sql.parse;

/**
 * Transaction modes of BEGIN, START TRANSACTION and SET TRANSACTION; null fields were not given.
 *
 * @param isolationLevel lower-case as SHOW prints it: "read committed", "serializable", ...
 */
public record TransactionModes(String isolationLevel, Boolean readOnly, Boolean deferrable) {
  public static final TransactionModes NONE = new TransactionModes(null, null, null);
}
