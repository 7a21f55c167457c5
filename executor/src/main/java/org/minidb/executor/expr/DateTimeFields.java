package org.minidb.executor.expr;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.Interval;
import org.minidb.common.types.PgType;

/**
 * {@code extract(field FROM x)} (numeric, PostgreSQL 15's result type), {@code date_part(field, x)}
 * (float8) and {@code date_trunc(field, x)} over date, timestamp, timestamptz (in the session's TimeZone)
 * and interval. Fields and their values are PostgreSQL's: {@code dow} 0 is Sunday, {@code week} and
 * {@code isoyear} are ISO 8601's, {@code second} carries the fraction, {@code epoch} of a timestamp without
 * time zone reads it as UTC, of an interval counts a year as 365.25 days and a month as 30.
 */
final class DateTimeFields {
  private DateTimeFields() {}

  private static final LocalDate JULIAN_ZERO = LocalDate.of(-4713, 11, 24);

  /** extract(field FROM value) as numeric. */
  static BigDecimal extract(String field, Object value, PgType type, ZoneId zone) {
    String f = field.toLowerCase(Locale.ROOT).strip();
    if (value instanceof Interval iv) return intervalPart(f, iv);
    LocalDateTime t;
    int offsetSeconds = 0;
    if (value instanceof Instant i) {
      ZonedDateTime z = i.atZone(zone);
      t = z.toLocalDateTime();
      offsetSeconds = z.getOffset().getTotalSeconds();
      switch (f) {
        case "epoch" -> {
          return micros(ChronoUnit.MICROS.between(Instant.EPOCH, i), 6);
        }
        case "timezone" -> {
          return BigDecimal.valueOf(offsetSeconds);
        }
        case "timezone_hour" -> {
          return BigDecimal.valueOf(offsetSeconds / 3600);
        }
        case "timezone_minute" -> {
          return BigDecimal.valueOf((offsetSeconds / 60) % 60);
        }
        default -> { }
      }
    } else if (value instanceof LocalDate d) {
      t = d.atStartOfDay();
      switch (f) {
        case "hour", "minute", "second", "milliseconds", "microseconds", "timezone", "timezone_hour",
            "timezone_minute" -> throw unsupported(f, type);
        case "epoch" -> {
          return BigDecimal.valueOf(d.toEpochDay() * 86400);
        }
        case "julian" -> {
          return BigDecimal.valueOf(ChronoUnit.DAYS.between(JULIAN_ZERO, d));
        }
        default -> { }
      }
    } else {
      t = (LocalDateTime) value;
    }
    long microsOfMinute = t.getSecond() * 1_000_000L + t.getNano() / 1000;
    int year = t.getYear();
    return switch (f) {
      case "microseconds", "microsecond", "us" -> BigDecimal.valueOf(microsOfMinute);
      case "milliseconds", "millisecond", "ms" -> BigDecimal.valueOf(microsOfMinute, 3);
      case "second", "seconds", "sec", "s" -> micros(microsOfMinute, 6);
      case "minute", "minutes", "min", "m" -> BigDecimal.valueOf(t.getMinute());
      case "hour", "hours", "h" -> BigDecimal.valueOf(t.getHour());
      case "day", "days", "d" -> BigDecimal.valueOf(t.getDayOfMonth());
      case "month", "months", "mon" -> BigDecimal.valueOf(t.getMonthValue());
      case "quarter" -> BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
      case "year", "years", "y" -> BigDecimal.valueOf(year <= 0 ? year - 1 : year);
      case "week" -> BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case "isoyear" -> BigDecimal.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
      case "dow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
      case "isodow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue());
      case "doy" -> BigDecimal.valueOf(t.getDayOfYear());
      case "decade" -> BigDecimal.valueOf(Math.floorDiv(year <= 0 ? year - 1 : year, 10));
      case "century" -> BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
      case "millennium" -> BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
      case "epoch" -> micros(ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t), 6);
      case "julian" -> BigDecimal.valueOf(ChronoUnit.DAYS.between(JULIAN_ZERO, t.toLocalDate())).add(
          NumericMath.divide(BigDecimal.valueOf(ChronoUnit.MICROS.between(t.toLocalDate().atStartOfDay(), t)),
              BigDecimal.valueOf(Interval.MICROS_PER_DAY)));
      case "timezone", "timezone_hour", "timezone_minute" -> throw unsupported(f, type);
      default -> throw unrecognized(f, type);
    };
  }

  private static BigDecimal intervalPart(String f, Interval iv) {
    long time = iv.micros();
    return switch (f) {
      case "microseconds", "microsecond", "us" -> BigDecimal.valueOf(time % Interval.MICROS_PER_MINUTE);
      case "milliseconds", "millisecond", "ms" -> BigDecimal.valueOf(time % Interval.MICROS_PER_MINUTE, 3);
      case "second", "seconds", "sec", "s" -> micros(time % Interval.MICROS_PER_MINUTE, 6);
      case "minute", "minutes", "min", "m" -> BigDecimal.valueOf((time / Interval.MICROS_PER_MINUTE) % 60);
      case "hour", "hours", "h" -> BigDecimal.valueOf(time / Interval.MICROS_PER_HOUR);
      case "day", "days", "d" -> BigDecimal.valueOf(iv.days());
      case "month", "months", "mon" -> BigDecimal.valueOf(iv.months() % 12);
      case "quarter" -> BigDecimal.valueOf((iv.months() % 12) / 3 + 1);
      case "year", "years", "y" -> BigDecimal.valueOf(iv.months() / 12);
      case "decade" -> BigDecimal.valueOf(iv.months() / 120);
      case "century" -> BigDecimal.valueOf(iv.months() / 1200);
      case "millennium" -> BigDecimal.valueOf(iv.months() / 12000);
      case "epoch" -> {
        long days = 365L * (iv.months() / 12) + 30L * (iv.months() % 12) + iv.days();
        // A year is 365.25 days: the quarter day is 21600 seconds.
        long secs = days * 86400 + 21600L * (iv.months() / 12);
        yield micros(time, 6).add(BigDecimal.valueOf(secs));
      }
      default -> throw unrecognized(f, DataType.INTERVAL.type());
    };
  }

  /** {@code micros} microseconds as seconds with {@code scale} decimals. */
  private static BigDecimal micros(long micros, int scale) {
    return BigDecimal.valueOf(micros, 6).setScale(scale, java.math.RoundingMode.UNNECESSARY);
  }

  /** date_trunc(field, timestamp). */
  static LocalDateTime trunc(String field, LocalDateTime t, PgType type) {
    String f = field.toLowerCase(Locale.ROOT).strip();
    LocalDate d = t.toLocalDate();
    int year = t.getYear();
    return switch (f) {
      case "microseconds" -> t;
      case "milliseconds" -> t.withNano(t.getNano() / 1_000_000 * 1_000_000);
      case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day" -> d.atStartOfDay();
      case "week" -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
      case "month" -> d.withDayOfMonth(1).atStartOfDay();
      case "quarter" -> LocalDate.of(year, (t.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
      case "year" -> LocalDate.of(year, 1, 1).atStartOfDay();
      case "decade" -> LocalDate.of(year > 0 ? year / 10 * 10 : year, 1, 1).atStartOfDay();
      case "century" -> LocalDate.of(year > 0 ? ((year + 99) / 100 - 1) * 100 + 1 : year, 1, 1).atStartOfDay();
      case "millennium" -> LocalDate.of(year > 0 ? ((year + 999) / 1000 - 1) * 1000 + 1 : year, 1, 1)
          .atStartOfDay();
      default -> throw unrecognized(f, type);
    };
  }

  /** date_trunc(field, timestamptz): truncated in the local time of {@code zone}. */
  static Instant trunc(String field, Instant i, ZoneId zone) {
    LocalDateTime local = trunc(field, LocalDateTime.ofInstant(i, zone), PgType.TIMESTAMPTZ);
    return local.atZone(zone).toInstant();
  }

  /** date_trunc(field, interval): the fields below {@code field} become zero. */
  static Interval trunc(String field, Interval iv) {
    String f = field.toLowerCase(Locale.ROOT).strip();
    long t = iv.micros();
    return switch (f) {
      case "microseconds" -> iv;
      case "milliseconds" -> new Interval(iv.months(), iv.days(), t / 1000 * 1000);
      case "second" -> new Interval(iv.months(), iv.days(), t / Interval.MICROS_PER_SECOND * Interval.MICROS_PER_SECOND);
      case "minute" -> new Interval(iv.months(), iv.days(), t / Interval.MICROS_PER_MINUTE * Interval.MICROS_PER_MINUTE);
      case "hour" -> new Interval(iv.months(), iv.days(), t / Interval.MICROS_PER_HOUR * Interval.MICROS_PER_HOUR);
      case "day" -> new Interval(iv.months(), iv.days(), 0);
      case "month" -> new Interval(iv.months(), 0, 0);
      case "quarter" -> new Interval(iv.months() / 3 * 3, 0, 0);
      case "year" -> new Interval(iv.months() / 12 * 12, 0, 0);
      case "decade" -> new Interval(iv.months() / 120 * 120, 0, 0);
      case "century" -> new Interval(iv.months() / 1200 * 1200, 0, 0);
      case "millennium" -> new Interval(iv.months() / 12000 * 12000, 0, 0);
      default -> throw unrecognized(f, PgType.INTERVAL);
    };
  }

  private static DbException unsupported(String f, PgType type) {
    return DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
        "unit \"" + f + "\" not supported for type " + DataType.of(type));
  }

  private static DbException unrecognized(String f, PgType type) {
    return DbException.of(SqlState.INVALID_PARAMETER_VALUE,
        "unit \"" + f + "\" not recognized for type " + DataType.of(type));
  }
}
