package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.DATE;
import static org.minidb.common.types.PgType.FLOAT4;
import static org.minidb.common.types.PgType.FLOAT8;
import static org.minidb.common.types.PgType.INT2;
import static org.minidb.common.types.PgType.INT4;
import static org.minidb.common.types.PgType.INT8;
import static org.minidb.common.types.PgType.NUMERIC;
import static org.minidb.common.types.PgType.TEXT;
import static org.minidb.common.types.PgType.TIMESTAMP;
import static org.minidb.common.types.PgType.TIMESTAMPTZ;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.PgType;
import org.minidb.executor.expr.FunctionRegistry.Volatility;

/** to_char(number, text) and to_char(timestamp[tz] | date, text): {@link ToCharNumber}, {@link ToCharDateTime}. */
final class ToChar {
  private ToChar() {}

  static void register(FunctionRegistry r) {
    for (PgType t : new PgType[] {NUMERIC, INT2, INT4, INT8, FLOAT4, FLOAT8}) {
      RoundingMode rounding = t == FLOAT4 || t == FLOAT8 ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP;
      r.add2("to_char", TEXT, t, TEXT, (v, f) -> ToCharNumber.format(decimal(v), (String) f, rounding));
    }
    r.add2("to_char", TEXT, TIMESTAMP, TEXT, (v, f) -> ToCharDateTime.format((LocalDateTime) v, (String) f));
    r.add2("to_char", TEXT, DATE, TEXT, (v, f) -> ToCharDateTime.format(((LocalDate) v).atStartOfDay(), (String) f));
    // timestamptz is shown in the session's TimeZone, hence STABLE as in PostgreSQL.
    r.add("to_char", Volatility.STABLE, TEXT, a -> (row, ctx) -> {
      Object v = a[0].eval(row, ctx);
      Object f = v == null ? null : a[1].eval(row, ctx);
      return f == null ? null : ToCharDateTime.format(LocalDateTime.ofInstant((Instant) v, ctx.timeZone()), (String) f);
    }, TIMESTAMPTZ, TEXT);
  }

  private static BigDecimal decimal(Object v) {
    if (v instanceof BigDecimal d) return d;
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "to_char of " + d + " is not supported");
      }
      return new BigDecimal(d); // the exact binary value, as printf sees it
    }
    return BigDecimal.valueOf(((Number) v).longValue());
  }
}
