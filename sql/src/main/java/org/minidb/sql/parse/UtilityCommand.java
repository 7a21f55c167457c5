package org.minidb.sql.parse;

import java.util.List;

/**
 * A statement the session carries out itself, without the planner: transaction control and settings (as
 * PostgreSQL's utility statements; see {@link UtilityParser}).
 */
public sealed interface UtilityCommand {
  /**
   * PREPARE, EXECUTE, EXPLAIN EXECUTE or DEALLOCATE ({@link PreparedStatementSql}): the session runs them, as they
   * use its prepared statements; they stand here so that the protocol's Parse can hold them like other utilities.
   */
  record PreparedStatementCommand(PreparedStatementSql.Command command) implements UtilityCommand {}

  /** BEGIN / START TRANSACTION with their modes. */
  record Begin(TransactionModes modes) implements UtilityCommand {}

  /** COMMIT / END. */
  record Commit() implements UtilityCommand {}

  /** ROLLBACK / ABORT. */
  record Rollback() implements UtilityCommand {}

  /** SAVEPOINT name. */
  record Savepoint(String name) implements UtilityCommand {}

  /** RELEASE [SAVEPOINT] name. */
  record ReleaseSavepoint(String name) implements UtilityCommand {}

  /** ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name. */
  record RollbackToSavepoint(String name) implements UtilityCommand {}

  /** SET [SESSION | LOCAL] name {TO | =} value [, ...]; an empty value list means DEFAULT. */
  record Set(String name, List<String> values, boolean local) implements UtilityCommand {}

  /** SET TRANSACTION ... or SET SESSION CHARACTERISTICS AS TRANSACTION ... */
  record SetTransaction(TransactionModes modes, boolean sessionDefault) implements UtilityCommand {}

  /** RESET name, or RESET ALL when name is null. */
  record Reset(String name) implements UtilityCommand {}

  /** SHOW name, or SHOW ALL when name is null. */
  record Show(String name) implements UtilityCommand {}

  /** A utility statement recognized but not supported yet; carries the feature's name for the 0A000. */
  /** CHECKPOINT: an immediate checkpoint. */
  record Checkpoint() implements UtilityCommand {}

  record Unsupported(String feature) implements UtilityCommand {}

  /**
   * VACUUM with its options (lower case: verbose, full, freeze, analyze, ...) and tables (none: all); each table
   * may name columns (only with ANALYZE).
   */
  record Vacuum(List<String> options, List<TableColumns> targets) implements UtilityCommand {
    /** The tables' names, as written. */
    public List<List<String>> tables() { return targets.stream().map(TableColumns::name).toList(); }
  }

  /** ANALYZE with its options (lower case: verbose, skip_locked) and tables (none: all). */
  record Analyze(List<String> options, List<TableColumns> targets) implements UtilityCommand {}

  /** A table as VACUUM and ANALYZE name it: [schema.]name and the columns listed after it (none: all). */
  record TableColumns(List<String> name, List<String> columns) {}

  /**
   * LOCK TABLE: the tables' names (each as written: [schema.]name), the mode as written in IN ... MODE
   * (lower case, e.g. "share row exclusive"; ACCESS EXCLUSIVE when absent) and NOWAIT.
   */
  record LockTable(List<List<String>> names, String mode, boolean nowait) implements UtilityCommand {}

  /** TRUNCATE: the tables' names as written, and CASCADE. */
  record Truncate(List<List<String>> names, boolean cascade) implements UtilityCommand {}
}
