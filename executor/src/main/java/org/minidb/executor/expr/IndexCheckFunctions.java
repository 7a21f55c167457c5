package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.BOOL;
import static org.minidb.common.types.PgType.TEXT;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.expr.FunctionRegistry.Volatility;
import org.minidb.storage.catalog.IndexDef;
import org.minidb.storage.catalog.TableDef;
import org.minidb.storage.tx.LockMode;

/**
 * amcheck's {@code bt_index_check(index [, heapallindexed])} and {@code bt_index_parent_check(index [,
 * heapallindexed])}: verify a B-tree's order, links and downlinks and, with heapallindexed, that every heap
 * tuple the statement's snapshot sees has its index entry. A fault is XX002 (index_corrupted), as in
 * PostgreSQL. Both forms take SHARE on the table (PostgreSQL's parent check does; its plain check takes
 * ACCESS SHARE and tolerates concurrent changes, which MiniDB's checker does not) and both check the parent
 * levels. The index is named by text ({@code 't_pkey'} as a regclass literal reads); the result is void,
 * an empty text in MiniDB.
 */
final class IndexCheckFunctions {
  private IndexCheckFunctions() {}

  static void register(FunctionRegistry r) {
    String names = "bt_index_check,bt_index_parent_check";
    r.add(names, Volatility.VOLATILE, TEXT, a -> (row, ctx) -> check(ctx, a[0].eval(row, ctx), false), TEXT);
    r.add(names, Volatility.VOLATILE, TEXT, a -> (row, ctx) -> {
      Object name = a[0].eval(row, ctx);
      return check(ctx, name, Boolean.TRUE.equals(a[1].eval(row, ctx)));
    }, TEXT, BOOL);
  }

  private static Object check(ExecContext ctx, Object name, boolean heapAllIndexed) {
    if (name == null) return null;
    String given = (String) name;
    RegclassName parsed = RegclassName.parse(given);
    String relname = parsed.relation();
    for (TableDef table : ctx.storage().catalog().tables(ctx.transaction())) {
      if (!table.schemaName().equals(parsed.schema())) continue;
      if (table.name().equals(relname)) {
        throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"" + relname + "\" is not an index");
      }
      for (IndexDef index : table.indexes()) {
        if (!index.name().equals(relname)) continue;
        ctx.transaction().lockRelation(table.oid(), LockMode.SHARE);
        ctx.storage().checkIndex(table, index, heapAllIndexed, ctx.snapshot());
        return "";
      }
    }
    throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + given + "\" does not exist");
  }
}
