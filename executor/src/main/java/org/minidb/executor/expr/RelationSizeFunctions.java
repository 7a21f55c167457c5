package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.INT8;
import static org.minidb.common.types.PgType.OID;
import static org.minidb.common.types.PgType.TEXT;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.executor.exec.ExecContext;
import org.minidb.executor.expr.FunctionRegistry.Volatility;
import org.minidb.storage.catalog.TableDef;

/**
 * pg_relation_size (bytes of the heap), pg_table_size and pg_total_relation_size (the heap and its TOAST
 * relation: MiniDB has no free-space or visibility map forks, and does not count indexes yet; an index name gives
 * the size of the index file). PostgreSQL takes a regclass; MiniDB takes
 * the relation's name as text ({@code pg_relation_size('t')} reads the same) or its oid.
 */
final class RelationSizeFunctions {
  private RelationSizeFunctions() {}

  static void register(FunctionRegistry r) {
    registerStatistics(r);
    registerSize(r, "pg_relation_size", false);
    registerSize(r, "pg_table_size,pg_total_relation_size", true);
  }

  private static void registerSize(FunctionRegistry r, String names, boolean withToast) {
    r.add(names, Volatility.VOLATILE, INT8, a -> (row, ctx) -> {
      Object name = a[0].eval(row, ctx);
      if (name == null) return null;
      Long indexSize = indexSize(ctx, (String) name);
      return indexSize != null ? indexSize : size(ctx, byName(ctx, (String) name), withToast);
    }, TEXT);
    for (var argType : new org.minidb.common.types.PgType[] {OID, INT8}) {
      r.add(names, Volatility.VOLATILE, INT8, a -> (row, ctx) -> {
        Object oid = a[0].eval(row, ctx);
        if (oid == null) return null;
        long want = ((Number) oid).longValue();
        // PostgreSQL answers NULL for an oid that names no relation.
        return ctx.storage().catalog().tables(ctx.transaction()).stream().filter(t -> t.oid() == want).findFirst()
            .map(t -> (Object) size(ctx, t, withToast)).orElse(null);
      }, argType);
    }
  }

  /** The pg_stat_get_* functions behind PostgreSQL's pg_stat_user_tables, from the relation's counters. */
  static void registerStatistics(FunctionRegistry r) {
    statistic(r, "pg_stat_get_dead_tuples", s -> s.deadTuples());
    statistic(r, "pg_stat_get_live_tuples", s -> s.estimatedRows());
    statistic(r, "pg_stat_get_vacuum_count", s -> s.vacuumCount());
    statistic(r, "pg_stat_get_autovacuum_count", s -> s.autovacuumCount());
  }

  /** Registered for oid and, since MiniDB casts integers to oid only explicitly, for bigint too. */
  private static void statistic(FunctionRegistry r, String name,
      java.util.function.ToLongFunction<org.minidb.storage.heap.HeapStatistics> figure) {
    for (var argType : new org.minidb.common.types.PgType[] {OID, INT8}) {
      r.add(name, Volatility.VOLATILE, INT8, a -> (row, ctx) -> {
        Object oid = a[0].eval(row, ctx);
        return oid == null ? null : figure.applyAsLong(ctx.storage().statistics(((Number) oid).longValue()));
      }, argType);
    }
  }

  /** The size of the index named {@code name} (an index is a relation too: pg_relation_size('t_pkey')), else null. */
  private static Long indexSize(ExecContext ctx, String name) {
    RegclassName parsed = RegclassName.parse(name);
    for (TableDef t : ctx.storage().catalog().tables(ctx.transaction())) {
      if (parsed.schema() != null && !parsed.schema().equals(t.schemaName())) continue;
      for (var index : t.indexes()) {
        if (index.name().equals(parsed.relation())) return ctx.storage().indexPageCount(index) * 8192L;
      }
    }
    return null;
  }

  private static TableDef byName(ExecContext ctx, String name) {
    RegclassName parsed = RegclassName.parse(name);
    return ctx.storage().catalog().table(ctx.transaction(), parsed.schema(), parsed.relation()).orElseThrow(() ->
        DbException.of(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
  }

  private static long size(ExecContext ctx, TableDef table, boolean withToast) {
    var heap = ctx.storage().heap(table);
    return (heap.pageCount() + (withToast ? heap.toastPageCount() : 0)) * 8192L;
  }
}
