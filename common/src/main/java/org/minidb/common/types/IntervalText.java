package org.minidb.common.types;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Text output of interval in PostgreSQL's default IntervalStyle {@code postgres} ({@code 1 year 2 mons},
 * {@code -1 days +02:00:00}, {@code 00:00:01.5}) and text input of the forms PostgreSQL reads: the verbose
 * form ({@code 1 day 2 hours}, {@code @ 3 days ago}, abbreviations, fractions that spill into smaller units:
 * {@code 1.5 months} is {@code 1 mon 15 days}), {@code hh:mm[:ss[.frac]]}, SQL's {@code Y-M}, a bare number
 * (seconds, or the unit given), and ISO 8601's designators ({@code P1Y2M3DT4H5M6S}, {@code P2W}).
 */
public final class IntervalText {
  private IntervalText() {}

  // ---- output (EncodeInterval, INTSTYLE_POSTGRES) ----

  public static String format(Interval v) {
    StringBuilder sb = new StringBuilder(32);
    boolean[] state = {true, false}; // is_zero, is_before
    int year = v.months() / 12;
    int mon = v.months() % 12;
    addPart(sb, year, "year", state);
    addPart(sb, mon, "mon", state);
    addPart(sb, v.days(), "day", state);
    long time = v.micros();
    long hour = time / Interval.MICROS_PER_HOUR;
    time -= hour * Interval.MICROS_PER_HOUR;
    long min = time / Interval.MICROS_PER_MINUTE;
    time -= min * Interval.MICROS_PER_MINUTE;
    long sec = time / Interval.MICROS_PER_SECOND;
    long fsec = time - sec * Interval.MICROS_PER_SECOND;
    if (state[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
      boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
      if (!state[0]) sb.append(' ');
      sb.append(minus ? "-" : state[1] ? "+" : "");
      pad2(sb, Math.abs(hour));
      sb.append(':');
      pad2(sb, Math.abs(min));
      sb.append(':');
      pad2(sb, Math.abs(sec));
      if (fsec != 0) {
        String f = Long.toString(Math.abs(fsec) + 1_000_000).substring(1);
        int end = f.length();
        while (f.charAt(end - 1) == '0') end--;
        sb.append('.').append(f, 0, end);
      }
    }
    return sb.toString();
  }

  private static void addPart(StringBuilder sb, long value, String unit, boolean[] state) {
    if (value == 0) return;
    if (!state[0]) sb.append(' ');
    if (state[1] && value > 0) sb.append('+');
    sb.append(value).append(' ').append(unit);
    if (value != 1) sb.append('s');
    state[1] = value < 0;
    state[0] = false;
  }

  private static void pad2(StringBuilder sb, long v) {
    if (v < 10) sb.append('0');
    sb.append(v);
  }

  // ---- input (DecodeInterval, DecodeISO8601Interval) ----

  private static final Pattern TIME =
      Pattern.compile("([+-]?)(\\d+):(\\d+)(?::(\\d+(?:\\.\\d*)?))?|([+-]?)(\\d+):(\\d+\\.\\d*)");
  private static final Pattern YEAR_MONTH = Pattern.compile("([+-]?)(\\d+)-(\\d+)");
  private static final Pattern NUMBER_UNIT = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))([a-z]*)");

  /** Text input with a bare number read as seconds. */
  public static Interval parse(String text) { return parse(text, Unit.SECOND); }

  /**
   * Text input; {@code bareUnit} is the unit of a number written without one (the last field of a
   * qualifier, as in {@code interval '3' day}).
   */
  public static Interval parse(String text, Unit bareUnit) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) throw syntax(text);
    if (s.charAt(0) == 'p') return parseIso(s, text);
    Acc acc = new Acc();
    String[] tokens = s.split("\\s+");
    boolean ago = false;
    int n = tokens.length;
    if (tokens[n - 1].equals("ago")) {
      ago = true;
      n--;
    }
    for (int i = 0; i < n; i++) {
      String tok = tokens[i];
      if (tok.equals("@")) continue;
      if (tok.startsWith("@")) tok = tok.substring(1);
      Matcher m;
      if ((m = TIME.matcher(tok)).matches()) {
        addTime(acc, m, text);
      } else if ((m = YEAR_MONTH.matcher(tok)).matches()) {
        long sign = m.group(1).equals("-") ? -1 : 1;
        acc.months += sign * (Long.parseLong(m.group(2)) * 12 + Long.parseLong(m.group(3)));
      } else if ((m = NUMBER_UNIT.matcher(tok)).matches()) {
        double value = Double.parseDouble(m.group(1));
        String unitName = m.group(2);
        Unit unit;
        if (!unitName.isEmpty()) {
          unit = Unit.of(unitName);
        } else if (i + 1 < n && Unit.of(tokens[i + 1]) != null) {
          unit = Unit.of(tokens[++i]);
        } else if (i + 1 < n && TIME.matcher(tokens[i + 1]).matches()) {
          unit = Unit.DAY; // "1 02:03:04": days, then a time
        } else {
          unit = bareUnit;
        }
        if (unit == null) throw syntax(text);
        unit.add(acc, value);
      } else {
        throw syntax(text);
      }
    }
    Interval r = acc.result();
    return ago ? r.negate() : r;
  }

  private static void addTime(Acc acc, Matcher m, String text) {
    boolean minutesSeconds = m.group(5) != null;
    String sign = minutesSeconds ? m.group(5) : m.group(1);
    long a = Long.parseLong(minutesSeconds ? m.group(6) : m.group(2));
    long b = Long.parseLong(minutesSeconds ? "0" : m.group(3));
    String secText = minutesSeconds ? m.group(7) : m.group(4);
    long micros;
    if (minutesSeconds) {
      micros = a * Interval.MICROS_PER_MINUTE;
    } else {
      if (b > 59) throw overflow(text);
      micros = a * Interval.MICROS_PER_HOUR + b * Interval.MICROS_PER_MINUTE;
    }
    if (secText != null) {
      double sec = Double.parseDouble(secText);
      if (sec >= 60) throw overflow(text);
      micros += Math.round(sec * Interval.MICROS_PER_SECOND);
    }
    acc.micros += sign.equals("-") ? -micros : micros;
  }

  private static final Pattern ISO_PART = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))([ymwdhs])");

  private static Interval parseIso(String s, String text) {
    Acc acc = new Acc();
    boolean timePart = false;
    int i = 1;
    if (i >= s.length()) throw syntax(text);
    while (i < s.length()) {
      if (s.charAt(i) == 't') {
        if (timePart) throw syntax(text);
        timePart = true;
        i++;
        continue;
      }
      Matcher m = ISO_PART.matcher(s).region(i, s.length());
      if (!m.lookingAt()) throw syntax(text);
      double v = Double.parseDouble(m.group(1));
      Unit unit = switch (m.group(2)) {
        case "y" -> Unit.YEAR;
        case "m" -> timePart ? Unit.MINUTE : Unit.MONTH;
        case "w" -> Unit.WEEK;
        case "d" -> Unit.DAY;
        case "h" -> Unit.HOUR;
        default -> Unit.SECOND;
      };
      if (timePart != (unit == Unit.HOUR || unit == Unit.MINUTE || unit == Unit.SECOND)) throw syntax(text);
      unit.add(acc, v);
      i = m.end();
    }
    return acc.result();
  }

  /** Fields summed while reading, range-checked at the end. */
  private static final class Acc {
    long months;
    long days;
    long micros;

    /** PostgreSQL's AdjustFractDays: a fraction of a day-based unit becomes days, then microseconds. */
    void fractionOfDays(double fraction, int daysPerUnit) {
      double extra = fraction * daysPerUnit;
      days += (long) extra;
      micros += Math.round((extra - (long) extra) * Interval.MICROS_PER_DAY);
    }

    Interval result() {
      return new Interval(Interval.toInt(months), Interval.toInt(days), micros);
    }
  }

  /** The units of interval input, with PostgreSQL's spellings. */
  public enum Unit {
    MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR, DECADE, CENTURY, MILLENNIUM;

    /** The unit a word names, or null ({@code mins}, {@code hrs}, {@code us}, {@code centuries}, ...). */
    public static Unit of(String word) {
      return switch (word) {
        case "microsecond", "microseconds", "us", "usec", "usecs", "useconds" -> MICROSECOND;
        case "millisecond", "milliseconds", "ms", "msec", "msecs", "mseconds" -> MILLISECOND;
        case "second", "seconds", "s", "sec", "secs" -> SECOND;
        case "minute", "minutes", "m", "min", "mins" -> MINUTE;
        case "hour", "hours", "h", "hr", "hrs" -> HOUR;
        case "day", "days", "d" -> DAY;
        case "week", "weeks", "w" -> WEEK;
        case "month", "months", "mon", "mons" -> MONTH;
        case "year", "years", "y", "yr", "yrs" -> YEAR;
        case "decade", "decades", "dec", "decs" -> DECADE;
        case "century", "centuries", "c", "cent" -> CENTURY;
        case "millennium", "millennia", "mil", "mils" -> MILLENNIUM;
        default -> null;
      };
    }

    void add(Acc acc, double v) {
      long whole = (long) v;
      double frac = v - whole;
      switch (this) {
        case MICROSECOND -> acc.micros += Math.round(v);
        case MILLISECOND -> acc.micros += Math.round(v * 1000);
        case SECOND -> acc.micros += Math.round(v * Interval.MICROS_PER_SECOND);
        case MINUTE -> acc.micros += Math.round(v * Interval.MICROS_PER_MINUTE);
        case HOUR -> acc.micros += Math.round(v * Interval.MICROS_PER_HOUR);
        case DAY -> {
          acc.days += whole;
          acc.micros += Math.round(frac * Interval.MICROS_PER_DAY);
        }
        case WEEK -> {
          acc.days += whole * 7;
          acc.fractionOfDays(frac, 7);
        }
        case MONTH -> {
          acc.months += whole;
          acc.fractionOfDays(frac, Interval.DAYS_PER_MONTH);
        }
        case YEAR -> acc.months += whole * 12 + Math.round(frac * 12);
        case DECADE -> acc.months += whole * 120 + Math.round(frac * 120);
        case CENTURY -> acc.months += whole * 1200 + Math.round(frac * 1200);
        case MILLENNIUM -> acc.months += whole * 12000 + Math.round(frac * 12000);
      }
    }
  }

  private static DbException syntax(String text) {
    return DbException.of(SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type interval: \"" + text + "\"");
  }

  private static DbException overflow(String text) {
    return DbException.of(SqlState.DATETIME_FIELD_OVERFLOW,
        "interval field value out of range: \"" + text + "\"");
  }
}
