package org.minidb.common.types;

import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * A value of PostgreSQL's {@code interval}: months, days and microseconds kept apart, as PostgreSQL keeps
 * them, because a month and a day have no fixed length (a day across a DST change is 23 or 25 hours, a
 * month 28 to 31 days). Each field carries its own sign ({@code '1 mon -1 days'}).
 *
 * <p>Ordering and equality follow PostgreSQL's {@code interval_cmp}: both sides are flattened with a 30-day
 * month and a 24-hour day, so {@code '1 mon' = '30 days'} and {@code '1 day' = '24 hours'}; {@link #equals}
 * and {@link #hashCode} of the record are the fields' (use {@link #compareTo} and {@link #hashKey} for SQL).
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
  /** PostgreSQL's DAYS_PER_MONTH, used wherever a month must become days. */
  public static final int DAYS_PER_MONTH = 30;

  public static final Interval ZERO = new Interval(0, 0, 0);

  /** The flattened value: whole days (months as 30 days) and the microseconds of the last day, in [0, day). */
  public record Span(long days, long micros) {}

  public Span span() {
    long d = (long) months * DAYS_PER_MONTH + days + Math.floorDiv(micros, MICROS_PER_DAY);
    return new Span(d, Math.floorMod(micros, MICROS_PER_DAY));
  }

  @Override
  public int compareTo(Interval o) {
    Span a = span();
    Span b = o.span();
    int c = Long.compare(a.days(), b.days());
    return c != 0 ? c : Long.compare(a.micros(), b.micros());
  }

  /** A key whose equality is SQL equality ({@code '1 mon'} and {@code '30 days'} hash alike). */
  public Object hashKey() { return span(); }

  public Interval plus(Interval o) {
    return new Interval(addInt(months, o.months), addInt(days, o.days), addLong(micros, o.micros));
  }

  public Interval minus(Interval o) {
    return new Interval(subInt(months, o.months), subInt(days, o.days), subLong(micros, o.micros));
  }

  public Interval negate() {
    if (months == Integer.MIN_VALUE || days == Integer.MIN_VALUE || micros == Long.MIN_VALUE) throw outOfRange();
    return new Interval(-months, -days, -micros);
  }

  /** {@code interval * factor} as PostgreSQL's interval_mul: fractional months spill into days, then time. */
  public Interval multiply(double factor) {
    return scale(factor, false);
  }

  /** {@code interval / factor} as PostgreSQL's interval_div. */
  public Interval divide(double factor) {
    if (factor == 0.0) throw DbException.of(SqlState.DIVISION_BY_ZERO, "division by zero");
    return scale(factor, true);
  }

  private Interval scale(double factor, boolean divide) {
    if (Double.isNaN(factor)) throw outOfRange();
    double m = divide ? months / factor : months * factor;
    double d = divide ? days / factor : days * factor;
    if (Double.isInfinite(m) || Double.isInfinite(d) || Math.abs(m) > Integer.MAX_VALUE
        || Math.abs(d) > Integer.MAX_VALUE) {
      throw outOfRange();
    }
    int rMonths = (int) m;
    int rDays = (int) d;
    double monthRemainderDays = tsRound((m - rMonths) * DAYS_PER_MONTH);
    double secRemainder = tsRound((d - rDays + monthRemainderDays - (int) monthRemainderDays) * 86400.0);
    if (Math.abs(secRemainder) >= 86400.0) {
      rDays += (int) (secRemainder / 86400.0);
      secRemainder -= (int) (secRemainder / 86400.0) * 86400.0;
    }
    rDays += (int) monthRemainderDays;
    double t = Math.rint((divide ? micros / factor : micros * factor) + secRemainder * MICROS_PER_SECOND);
    if (Double.isNaN(t) || Math.abs(t) >= 9.223372036854775807e18) throw outOfRange();
    return new Interval(rMonths, rDays, (long) t);
  }

  /** PostgreSQL's TSROUND: to microsecond precision, so that float noise does not leak into the result. */
  private static double tsRound(double v) { return Math.rint(v * 1e6) / 1e6; }

  /** justify_hours: whole days out of the time part, time and days of one sign. */
  public Interval justifyHours() {
    long wholeDays = micros / MICROS_PER_DAY;
    long time = micros - wholeDays * MICROS_PER_DAY;
    long d = days + wholeDays;
    if (d > 0 && time < 0) {
      time += MICROS_PER_DAY;
      d--;
    } else if (d < 0 && time > 0) {
      time -= MICROS_PER_DAY;
      d++;
    }
    return new Interval(months, toInt(d), time);
  }

  /** justify_days: whole 30-day months out of the days, months and days of one sign. */
  public Interval justifyDays() {
    int wholeMonths = days / DAYS_PER_MONTH;
    int d = days - wholeMonths * DAYS_PER_MONTH;
    long m = (long) months + wholeMonths;
    if (m > 0 && d < 0) {
      d += DAYS_PER_MONTH;
      m--;
    } else if (m < 0 && d > 0) {
      d -= DAYS_PER_MONTH;
      m++;
    }
    return new Interval(toInt(m), d, micros);
  }

  /** justify_interval: both adjustments, with one sign over all fields. */
  public Interval justifyInterval() {
    long m = months;
    long d = days + micros / MICROS_PER_DAY;
    long time = micros % MICROS_PER_DAY;
    m += d / DAYS_PER_MONTH;
    d %= DAYS_PER_MONTH;
    if (m > 0 && (d < 0 || (d == 0 && time < 0))) {
      d += DAYS_PER_MONTH;
      m--;
    } else if (m < 0 && (d > 0 || (d == 0 && time > 0))) {
      d -= DAYS_PER_MONTH;
      m++;
    }
    if (d > 0 && time < 0) {
      time += MICROS_PER_DAY;
      d--;
    } else if (d < 0 && time > 0) {
      time -= MICROS_PER_DAY;
      d++;
    }
    return new Interval(toInt(m), toInt(d), time);
  }

  @Override
  public String toString() { return IntervalText.format(this); }

  static int toInt(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw outOfRange();
    return (int) v;
  }

  private static int addInt(int a, int b) { return toInt((long) a + b); }

  private static int subInt(int a, int b) { return toInt((long) a - b); }

  private static long addLong(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) throw outOfRange();
    return r;
  }

  private static long subLong(long a, long b) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) throw outOfRange();
    return r;
  }

  public static DbException outOfRange() {
    return DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
  }
}
