package org.minidb.executor.exec;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.LockMode;

/** The table lock a plan node takes when it starts (PostgreSQL takes them while parsing; see below). */
final class RelationLocks {
  private RelationLocks() {}

  /**
   * Locks {@code table} in {@code mode} for the statement's transaction. The plan was made before the lock was
   * held; if taking it meant waiting (for a DROP TABLE, say), the table may be gone by now: then 42P01, as
   * PostgreSQL reports after such a wait.
   */
  static void lock(ExecContext ctx, TableDef table, LockMode mode) {
    if (!ctx.transaction().lockRelation(table.oid(), mode)) return;
    boolean stillThere = ctx.storage().catalog().table(ctx.transaction(), table.schemaName(), table.name())
        .map(t -> t.oid() == table.oid()).orElse(false);
    if (!stillThere) {
      throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
    }
  }
}
