package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.BOOL;
import static org.minidb.common.types.PgType.INT8;
import static org.minidb.common.types.PgType.OID;
import static org.minidb.common.types.PgType.TEXT;

import org.minidb.executor.expr.FunctionRegistry.Volatility;

/**
 * Functions that clients call in their catalog queries (pgjdbc's result-set metadata, psql's \d). MiniDB's
 * catalog keeps DEFAULT and CHECK expressions as SQL text in adbin/conbin, so deparsing is the identity.
 */
final class CatalogFunctions {
  private CatalogFunctions() {}

  static void register(FunctionRegistry r) {
    // pg_typeof(any): the planner answers it from the argument's type (see ExprCompiler); typed text here.
    r.add("pg_typeof", Volatility.IMMUTABLE, TEXT, a -> {
      throw new IllegalStateException("pg_typeof is compiled from its argument's type");
    }, org.minidb.common.types.PgType.UNKNOWN);
    for (var relation : new org.minidb.common.types.PgType[] {OID, INT8}) {
      r.add("pg_get_expr", Volatility.STABLE, TEXT, a -> FunctionRegistry.strict(a[0], a[1], (expr, rel) -> expr),
          TEXT, relation);
      r.add("pg_get_expr", Volatility.STABLE, TEXT, a -> FunctionRegistry.strict(a[0], a[1], (expr, rel) -> expr),
          TEXT, relation, BOOL);
    }
    r.add("current_schema", Volatility.STABLE, TEXT, a -> new Literal("public"));
    // Session facts: STABLE, so never folded into a plan that other sessions share.
    r.add("current_user,session_user,user,current_role", Volatility.STABLE, TEXT,
        a -> (row, ctx) -> ctx.sessionUser());
    r.add("current_database", Volatility.STABLE, TEXT, a -> (row, ctx) -> ctx.databaseName());
  }
}
