package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.DATE;
import static org.minidb.common.types.PgType.FLOAT8;
import static org.minidb.common.types.PgType.TEXT;
import static org.minidb.common.types.PgType.TIMESTAMP;
import static org.minidb.common.types.PgType.TIMESTAMPTZ;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.minidb.executor.expr.FunctionRegistry.Volatility;

/** Date/time functions and version(). now() and its kin are STABLE: never folded into a cached plan. */
final class TimeFunctions {
  private TimeFunctions() {}

  /** What {@code SELECT version()} returns. */
  static final String VERSION =
      "PostgreSQL 15.8 (MiniDB 0.1) on x86_64-pc-linux-gnu, compiled by javac 25, 64-bit";

  static void register(FunctionRegistry r) {
    r.add("now,current_timestamp,transaction_timestamp,statement_timestamp", Volatility.STABLE, TIMESTAMPTZ,
        a -> (row, ctx) -> ctx.statementTimestamp());
    r.add("clock_timestamp", Volatility.VOLATILE, TIMESTAMPTZ, a -> (row, ctx) -> Instant.now());
    r.add("current_date", Volatility.STABLE, DATE,
        a -> (row, ctx) -> LocalDate.ofInstant(ctx.statementTimestamp(), ctx.timeZone()));
    r.add("localtimestamp", Volatility.STABLE, TIMESTAMP,
        a -> (row, ctx) -> LocalDateTime.ofInstant(ctx.statementTimestamp(), ctx.timeZone()));
    r.add("version", Volatility.STABLE, TEXT, a -> new Literal(VERSION));
    r.add("pg_sleep", Volatility.VOLATILE, TEXT, a -> (row, ctx) -> sleep(a[0].eval(row, ctx), ctx), FLOAT8);
  }

  /**
   * pg_sleep(seconds): waits, ending early with 57014 when the statement is cancelled (a CancelRequest,
   * statement_timeout). PostgreSQL's result type is void, shown as an empty value: MiniDB has no void type yet,
   * so the value is an empty text.
   */
  private static Object sleep(Object seconds, org.minidb.executor.exec.ExecContext ctx) {
    if (seconds == null) return null;
    double millis = Math.ceil((Double) seconds * 1000);
    if (millis > 0) ctx.queryCancel().sleep((long) Math.min(millis, 365 * 86_400_000d));
    return "";
  }
}
