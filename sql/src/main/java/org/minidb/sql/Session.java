package org.minidb.sql;

import java.util.Map;

/**
 * One client's session (PostgreSQL's "traffic cop" and its per-backend state): settings, the transaction
 * block, prepared statements and portals. Used by exactly one backend worker at a time, one message at a
 * time. Every method that fails throws {@link org.minidb.common.error.DbException}; a failure inside an
 * explicit transaction block marks it failed (later statements get 25P02 until ROLLBACK).
 */
public interface Session extends AutoCloseable {
  /** The settings to report in ParameterStatus at startup, in the order PostgreSQL sends them. */
  Map<String, String> reportedSettings();

  /** The session's TimeZone setting, in which timestamptz values are shown and read as text. */
  java.time.ZoneId timeZone();

  /** The backend's process id for BackendKeyData (thread mode: a number unique in this server). */
  int backendPid();

  /** The secret key for BackendKeyData / CancelRequest. */
  int cancelKey();

  /**
   * Runs a simple-query message: every statement in it, as one implicit transaction unless the text holds
   * transaction control. Results and errors go to the sink; an error stops the rest of the message.
   */
  void simpleQuery(String sql, QuerySink sink);

  /**
   * Parse: prepares a statement under a name ("" is the unnamed one, replaced by each Parse).
   *
   * @param parameterTypeOids the types the client gave ({@code 0} or missing entries are inferred)
   */
  void parse(String statementName, String sql, int[] parameterTypeOids);

  /** Describe of a statement. */
  StatementDescription describeStatement(String statementName);

  /**
   * Bind: creates a portal over a prepared statement with parameter values already decoded by the wire
   * layer (using {@link #describeStatement}'s parameter types).
   *
   * @param resultFormats Bind's result format codes (none: all text; one: for every column)
   */
  void bind(String portalName, String statementName, Object[] parameters, short[] resultFormats);

  /** Describe of a portal. */
  PortalDescription describePortal(String portalName);

  /**
   * Execute: runs the portal and writes at most {@code maxRows} rows (0 for all), then CommandComplete, or
   * PortalSuspended if rows remain (a later Execute resumes the portal).
   */
  void execute(String portalName, int maxRows, QuerySink sink);

  /** Close of a statement ('S') or portal ('P'); closing something that does not exist is not an error. */
  void close(char kind, String name);

  /** Sync: ends the implicit transaction of an extended-protocol batch (commit, or rollback after error). */
  void sync();

  /**
   * The wire layer rejected a message of the current batch itself (a Bind value it could not decode, a
   * wrong parameter count): the statement failed, so the transaction must fail as if the session had
   * raised the error.
   */
  void statementFailed(org.minidb.common.error.DbException error);

  /** The status for ReadyForQuery. */
  TransactionStatus transactionStatus();

  /**
   * A CancelRequest for this session (the only method any thread may call): the running command fails with
   * 57014 {@code canceling statement due to user request}; when no command runs, nothing happens (as in
   * PostgreSQL, a cancel that arrives while the backend waits for the client is dropped).
   */
  void cancel();

  /**
   * How long the backend may now wait for the client's next message before {@link #idleTimeoutExpired()} ends
   * the connection, in milliseconds, 0 for no limit: idle_in_transaction_session_timeout inside a transaction
   * block (also a failed one), idle_session_timeout outside. Asked after each ReadyForQuery.
   */
  long idleTimeoutMillis();

  /** The FATAL error to send when {@link #idleTimeoutMillis()} passed without a message (25P03 or 57P05). */
  org.minidb.common.error.DbException idleTimeoutExpired();

  /** The connection has ended: roll back any open transaction and release everything. */
  @Override
  void close();
}
