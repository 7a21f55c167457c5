package org.minidb.planner;

import java.util.List;

/**
 * ALTER TABLE [IF EXISTS] [ONLY] table action [, ...] with the actions MiniDB carries out; names case-folded. The
 * session chooses the names of unnamed constraints ({@link org.minidb.planner.ddl.IndexNames}), since they depend on
 * the relations that exist.
 */
public record AlterTableStatement(QualifiedName table, boolean ifExists, List<Action> actions) implements Statement {
  /** One action, in statement order. */
  public sealed interface Action permits AddKey, DropConstraint {}

  /** ADD [CONSTRAINT name] PRIMARY KEY (columns) | UNIQUE (columns); {@code name} null when not given. */
  public record AddKey(String name, boolean primary, List<String> columns) implements Action {}

  /** DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE]. */
  public record DropConstraint(String name, boolean ifExists, boolean cascade) implements Action {}
}
