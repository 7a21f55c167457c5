package org.minidb.executor.expr;

import static org.minidb.common.types.PgType.DATE;
import static org.minidb.common.types.PgType.FLOAT8;
import static org.minidb.common.types.PgType.INT4;
import static org.minidb.common.types.PgType.INTERVAL;
import static org.minidb.common.types.PgType.NUMERIC;
import static org.minidb.common.types.PgType.TEXT;
import static org.minidb.common.types.PgType.TIMESTAMP;
import static org.minidb.common.types.PgType.TIMESTAMPTZ;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.minidb.common.types.Interval;
import org.minidb.executor.expr.FunctionRegistry.Volatility;

/** Date/time functions (extract, date_part, date_trunc, age, make_date, justify_*) and version(). now() and its kin are STABLE: never folded into a cached plan. */
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

    // extract (numeric, as PostgreSQL 15) and date_part (float8); timestamptz fields are the session's.
    r.add("extract", Volatility.IMMUTABLE, NUMERIC, a -> field(a, TIMESTAMP, false), TEXT, TIMESTAMP);
    r.add("extract", Volatility.IMMUTABLE, NUMERIC, a -> field(a, DATE, false), TEXT, DATE);
    r.add("extract", Volatility.IMMUTABLE, NUMERIC, a -> field(a, INTERVAL, false), TEXT, INTERVAL);
    r.add("extract", Volatility.STABLE, NUMERIC, a -> field(a, TIMESTAMPTZ, false), TEXT, TIMESTAMPTZ);
    r.add("date_part", Volatility.IMMUTABLE, FLOAT8, a -> field(a, TIMESTAMP, true), TEXT, TIMESTAMP);
    r.add("date_part", Volatility.IMMUTABLE, FLOAT8, a -> field(a, DATE, true), TEXT, DATE);
    r.add("date_part", Volatility.IMMUTABLE, FLOAT8, a -> field(a, INTERVAL, true), TEXT, INTERVAL);
    r.add("date_part", Volatility.STABLE, FLOAT8, a -> field(a, TIMESTAMPTZ, true), TEXT, TIMESTAMPTZ);

    r.add2("date_trunc", TIMESTAMP, TEXT, TIMESTAMP,
        (f, t) -> DateTimeFields.trunc((String) f, (LocalDateTime) t, TIMESTAMP));
    r.add2("date_trunc", INTERVAL, TEXT, INTERVAL, (f, t) -> DateTimeFields.trunc((String) f, (Interval) t));
    // A date goes to timestamptz, PostgreSQL's preferred date/time type.
    r.add("date_trunc", Volatility.STABLE, TIMESTAMPTZ, a -> (row, ctx) -> {
      Object f = a[0].eval(row, ctx);
      Object d = a[1].eval(row, ctx);
      if (f == null || d == null) return null;
      return DateTimeFields.trunc((String) f, ((LocalDate) d).atStartOfDay(ctx.timeZone()).toInstant(), ctx.timeZone());
    }, TEXT, DATE);
    r.add("date_trunc", Volatility.STABLE, TIMESTAMPTZ, a -> (row, ctx) -> {
      Object f = a[0].eval(row, ctx);
      Object t = a[1].eval(row, ctx);
      return f == null || t == null ? null : DateTimeFields.trunc((String) f, (Instant) t, ctx.timeZone());
    }, TEXT, TIMESTAMPTZ);

    r.add2("age", INTERVAL, TIMESTAMP, TIMESTAMP, (x, y) -> age((LocalDateTime) x, (LocalDateTime) y));
    r.add("age", Volatility.STABLE, INTERVAL, a -> (row, ctx) -> {
      Object x = a[0].eval(row, ctx);
      Object y = a[1].eval(row, ctx);
      if (x == null || y == null) return null;
      return age(LocalDateTime.ofInstant((Instant) x, ctx.timeZone()), LocalDateTime.ofInstant((Instant) y, ctx.timeZone()));
    }, TIMESTAMPTZ, TIMESTAMPTZ);
    r.add("age", Volatility.STABLE, INTERVAL, a -> (row, ctx) -> {
      Object y = a[0].eval(row, ctx);
      return y == null ? null : age(today(ctx), (LocalDateTime) y);
    }, TIMESTAMP);
    r.add("age", Volatility.STABLE, INTERVAL, a -> (row, ctx) -> {
      Object y = a[0].eval(row, ctx);
      return y == null ? null : age(today(ctx), LocalDateTime.ofInstant((Instant) y, ctx.timeZone()));
    }, TIMESTAMPTZ);

    r.add("make_date", Volatility.IMMUTABLE, DATE, a -> FunctionRegistry.strictN(a, v -> makeDate(
        (Integer) v[0], (Integer) v[1], (Integer) v[2])), INT4, INT4, INT4);
    r.add("make_timestamp", Volatility.IMMUTABLE, TIMESTAMP, a -> FunctionRegistry.strictN(a, v -> makeDate(
        (Integer) v[0], (Integer) v[1], (Integer) v[2]).atStartOfDay()
        .plusHours((Integer) v[3]).plusMinutes((Integer) v[4])
        .plusNanos(Math.round((Double) v[5] * 1_000_000) * 1000)), INT4, INT4, INT4, INT4, INT4, FLOAT8);
    r.add1("justify_days", INTERVAL, INTERVAL, v -> ((Interval) v).justifyDays());
    r.add1("justify_hours", INTERVAL, INTERVAL, v -> ((Interval) v).justifyHours());
    r.add1("justify_interval", INTERVAL, INTERVAL, v -> ((Interval) v).justifyInterval());
  }

  private static Expr field(Expr[] a, org.minidb.common.types.PgType type, boolean asDouble) {
    return (row, ctx) -> {
      Object f = a[0].eval(row, ctx);
      Object v = a[1].eval(row, ctx);
      if (f == null || v == null) return null;
      java.math.BigDecimal d = DateTimeFields.extract((String) f, v, type, ctx.timeZone());
      return asDouble ? (Object) d.doubleValue() : d;
    };
  }

  private static LocalDateTime today(org.minidb.executor.exec.ExecContext ctx) {
    return LocalDate.ofInstant(ctx.statementTimestamp(), ctx.timeZone()).atStartOfDay();
  }

  private static LocalDate makeDate(int year, int month, int day) {
    try {
      // PostgreSQL reads a negative year as BC; Java's year 0 is 1 BC.
      return LocalDate.of(year < 0 ? year + 1 : year, month, day);
    } catch (java.time.DateTimeException e) {
      throw org.minidb.common.error.DbException.of(org.minidb.common.error.SqlState.DATETIME_FIELD_OVERFLOW,
          "date field value out of range: " + year + "-" + (month < 10 ? "0" : "") + month + "-"
              + (day < 10 ? "0" : "") + day, e);
    }
  }

  /**
   * age(a, b): a - b in years, months and days, field by field with borrows, as PostgreSQL's timestamp_age
   * (a borrowed month has the length of b's month, or of a's when a is earlier).
   */
  static Interval age(LocalDateTime a, LocalDateTime b) {
    boolean flip = a.isBefore(b);
    long fsec = a.getNano() / 1000 - b.getNano() / 1000;
    long sec = a.getSecond() - b.getSecond();
    long min = a.getMinute() - b.getMinute();
    long hour = a.getHour() - b.getHour();
    long mday = a.getDayOfMonth() - b.getDayOfMonth();
    long mon = a.getMonthValue() - b.getMonthValue();
    long year = a.getYear() - b.getYear();
    if (flip) {
      fsec = -fsec;
      sec = -sec;
      min = -min;
      hour = -hour;
      mday = -mday;
      mon = -mon;
      year = -year;
    }
    while (fsec < 0) {
      fsec += 1_000_000;
      sec--;
    }
    while (sec < 0) {
      sec += 60;
      min--;
    }
    while (min < 0) {
      min += 60;
      hour--;
    }
    while (hour < 0) {
      hour += 24;
      mday--;
    }
    while (mday < 0) {
      LocalDateTime m = flip ? a : b;
      mday += m.toLocalDate().lengthOfMonth();
      mon--;
    }
    while (mon < 0) {
      mon += 12;
      year--;
    }
    long months = year * 12 + mon;
    long micros = ((hour * 60 + min) * 60 + sec) * 1_000_000 + fsec;
    if (flip) {
      months = -months;
      mday = -mday;
      micros = -micros;
    }
    return new Interval((int) months, (int) mday, micros);
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
