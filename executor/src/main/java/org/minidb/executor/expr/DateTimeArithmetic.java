package org.minidb.executor.expr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.Interval;
import org.minidb.common.types.PgType;
import org.minidb.executor.exec.ExecContext;

/**
 * PostgreSQL's operators on date, timestamp, timestamptz and interval, with PostgreSQL's result types:
 * <pre>
 * date ± integer -> date          date - date -> integer         date ± interval -> timestamp
 * timestamp ± interval -> timestamp            timestamptz ± interval -> timestamptz
 * timestamp - timestamp -> interval (justified into days)        interval ± interval -> interval
 * interval * number, number * interval, interval / number -> interval
 * </pre>
 * Months are added first (clamped to the month's last day, as timestamp_pl_interval does), then days, then
 * the time; for timestamptz the months and days move the local time in the session's TimeZone, so that
 * {@code + interval '1 day'} across a DST change keeps the wall-clock time while {@code + interval '24
 * hours'} does not.
 */
final class DateTimeArithmetic {
  private DateTimeArithmetic() {}

  /** A binary operation on two non-null values that may need the session (time zone). */
  @FunctionalInterface
  interface Op {
    Object apply(Object a, Object b, ExecContext ctx);
  }

  /** Whether {@code left op right} is one of these operators' business. */
  static boolean applies(DataType left, DataType right) {
    return left != null && right != null && (isTemporal(left.type()) || isTemporal(right.type()));
  }

  private static boolean isTemporal(PgType t) { return t.isDateTime() || t == PgType.INTERVAL; }

  /** One operator: its result type and implementation. */
  private record Impl(PgType result, Op op) {}

  /** The result type of {@code left op right}, or null when PostgreSQL has no such operator. */
  static PgType resultType(ArithmeticOp op, PgType l, PgType r) {
    Impl f = operator(op, l, r);
    return f == null ? null : f.result();
  }

  static Expr build(ArithmeticOp op, Expr left, DataType leftType, Expr right, DataType rightType) {
    Impl impl = operator(op, leftType.type(), rightType.type());
    if (impl == null) throw noOperator(op, leftType, rightType);
    Op f = impl.op();
    return (row, ctx) -> {
      Object a = left.eval(row, ctx);
      if (a == null) return null;
      Object b = right.eval(row, ctx);
      if (b == null) return null;
      return f.apply(a, b, ctx);
    };
  }

  /** The implementation of {@code l op r}, or null if PostgreSQL has none. */
  private static Impl operator(ArithmeticOp op, PgType l, PgType r) {
    boolean add = op == ArithmeticOp.ADD;
    boolean sub = op == ArithmeticOp.SUBTRACT;
    // Commute interval + datetime and number * interval so that the datetime (interval) comes first.
    if (add && l == PgType.INTERVAL && r.isDateTime() || add && l.isInteger() && r == PgType.DATE
        || op == ArithmeticOp.MULTIPLY && l.isNumeric() && r == PgType.INTERVAL) {
      Impl swapped = operator(op, r, l);
      return swapped == null ? null : new Impl(swapped.result(), (a, b, ctx) -> swapped.op().apply(b, a, ctx));
    }
    if (l == PgType.DATE && r.isInteger() && (add || sub)) {
      return result(PgType.DATE, (a, b, ctx) -> plusDays((LocalDate) a, add ? asLong(b) : -asLong(b)));
    }
    if (l == PgType.DATE && r == PgType.DATE && sub) {
      return result(PgType.INT4, (a, b, ctx) -> (int) (((LocalDate) a).toEpochDay() - ((LocalDate) b).toEpochDay()));
    }
    if (r == PgType.INTERVAL && (add || sub)) {
      return switch (l) {
        case DATE -> result(PgType.TIMESTAMP, (a, b, ctx) -> plus(((LocalDate) a).atStartOfDay(), (Interval) b, sub));
        case TIMESTAMP -> result(PgType.TIMESTAMP, (a, b, ctx) -> plus((LocalDateTime) a, (Interval) b, sub));
        case TIMESTAMPTZ -> result(PgType.TIMESTAMPTZ, (a, b, ctx) -> plus((Instant) a, (Interval) b, sub, ctx.timeZone()));
        case INTERVAL -> result(PgType.INTERVAL,
            (a, b, ctx) -> sub ? ((Interval) a).minus((Interval) b) : ((Interval) a).plus((Interval) b));
        default -> null;
      };
    }
    if (sub && l == r && (l == PgType.TIMESTAMP || l == PgType.TIMESTAMPTZ)) {
      return result(PgType.INTERVAL, (a, b, ctx) -> new Interval(0, 0, microsBetween(b, a)).justifyHours());
    }
    if (l == PgType.INTERVAL && r.isNumeric() && (op == ArithmeticOp.MULTIPLY || op == ArithmeticOp.DIVIDE)) {
      boolean divide = op == ArithmeticOp.DIVIDE;
      return result(PgType.INTERVAL, (a, b, ctx) -> {
        double factor = b instanceof BigDecimal d ? d.doubleValue() : ((Number) b).doubleValue();
        return divide ? ((Interval) a).divide(factor) : ((Interval) a).multiply(factor);
      });
    }
    return null;
  }

  private static Impl result(PgType type, Op op) { return new Impl(type, op); }

  private static long asLong(Object v) { return ((Number) v).longValue(); }

  static LocalDate plusDays(LocalDate d, long days) {
    long r = d.toEpochDay() + days;
    // PostgreSQL's date range: 4714-11-24 BC .. 5874897-12-31.
    if (r < -2_440_588L || r > 2_145_042_906L) throw Errors.dateOutOfRange();
    return LocalDate.ofEpochDay(r);
  }

  /** timestamp_pl_interval / timestamp_mi_interval. */
  static LocalDateTime plus(LocalDateTime t, Interval iv, boolean subtract) {
    Interval v = subtract ? iv.negate() : iv;
    try {
      // plusMonths clamps to the last day of the month, as PostgreSQL does.
      return t.plusMonths(v.months()).plusDays(v.days()).plus(v.micros(), ChronoUnit.MICROS);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range", e);
    }
  }

  /** timestamptz_pl_interval: months and days in local time of {@code zone}, the time part in absolute time. */
  static Instant plus(Instant t, Interval iv, boolean subtract, ZoneId zone) {
    Interval v = subtract ? iv.negate() : iv;
    try {
      ZonedDateTime z = t.atZone(zone);
      if (v.months() != 0) z = z.plusMonths(v.months());
      if (v.days() != 0) z = z.plusDays(v.days());
      return z.toInstant().plus(v.micros(), ChronoUnit.MICROS);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range", e);
    }
  }

  /** Microseconds from {@code from} to {@code to}, both timestamps or both timestamptz. */
  static long microsBetween(Object from, Object to) {
    if (from instanceof Instant f) return ChronoUnit.MICROS.between(f, (Instant) to);
    return ChronoUnit.MICROS.between((LocalDateTime) from, (LocalDateTime) to);
  }

  static DbException noOperator(ArithmeticOp op, DataType l, DataType r) {
    String sym = switch (op) {
      case ADD -> "+";
      case SUBTRACT -> "-";
      case MULTIPLY -> "*";
      case DIVIDE -> "/";
      case MODULO -> "%";
    };
    return DbException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + l + " " + sym + " " + r)
        .withHint("No operator matches the given name and argument types. You might need to add explicit type casts.");
  }
}
