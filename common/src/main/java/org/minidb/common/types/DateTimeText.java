package org.minidb.common.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * Text input and output of date, timestamp and timestamptz in PostgreSQL's ISO style (DateStyle ISO, MDY).
 * Output: {@code 2024-01-02}, {@code 2024-01-02 03:04:05.12} (fraction without trailing zeros), timestamptz
 * in the session time zone with its UTC offset ({@code +00}, {@code +05:30}, {@code +00:19:32} for local mean
 * time), and {@code BC} after years before 1 (Java's proleptic year 0 is 1 BC). Input: the ISO forms clients
 * send (date, optional {@code T} or space and a time with up to 6 fractional digits, rounded beyond, an
 * optional zone: {@code Z}, {@code +05}, {@code -0830}, {@code +05:30}, {@code UTC}, a region name), plus
 * {@code epoch}, {@code now}, {@code today}, {@code tomorrow}, {@code yesterday}. Infinite values are not
 * representable yet and are refused with 0A000.
 */
final class DateTimeText {
  private DateTimeText() {}

  private static final Pattern ISO = Pattern.compile(
      "(?:(\\d{1,})-(\\d{1,2})-(\\d{1,2})|(\\d{4})(\\d{2})(\\d{2}))"
          + "(?:(?:[Tt]|\\s+)(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?)?"
          + "\\s*(Z|z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[A-Za-z][A-Za-z_/+\\-0-9]*)?");

  /** A trailing era marker, matched apart so that the zone pattern cannot take it for a zone name. */
  private static final Pattern ERA = Pattern.compile("(?i)(.*?)\\s*\\b(BC|AD)$");

  /** A parsed date/time: local fields and the zone if one was written. */
  private record Parsed(LocalDateTime local, ZoneId zone) {}

  // ---- output ----

  static String formatDate(LocalDate d) {
    StringBuilder sb = new StringBuilder(16);
    appendDate(sb, d);
    if (d.getYear() <= 0) sb.append(" BC");
    return sb.toString();
  }

  static String formatTimestamp(LocalDateTime t) {
    StringBuilder sb = new StringBuilder(32);
    appendDate(sb, t.toLocalDate());
    sb.append(' ');
    appendTime(sb, t.toLocalTime());
    if (t.getYear() <= 0) sb.append(" BC");
    return sb.toString();
  }

  static String formatTimestamptz(Instant i, ZoneId zone) {
    ZonedDateTime z = i.atZone(zone);
    StringBuilder sb = new StringBuilder(40);
    appendDate(sb, z.toLocalDate());
    sb.append(' ');
    appendTime(sb, z.toLocalTime());
    int secs = z.getOffset().getTotalSeconds();
    sb.append(secs < 0 ? '-' : '+');
    secs = Math.abs(secs);
    pad2(sb, secs / 3600);
    if (secs % 3600 != 0) {
      sb.append(':');
      pad2(sb, (secs / 60) % 60);
      if (secs % 60 != 0) {
        sb.append(':');
        pad2(sb, secs % 60);
      }
    }
    if (z.getYear() <= 0) sb.append(" BC");
    return sb.toString();
  }

  private static void appendDate(StringBuilder sb, LocalDate d) {
    int year = d.getYear();
    if (year <= 0) year = 1 - year;
    String y = Integer.toString(year);
    for (int i = y.length(); i < 4; i++) sb.append('0');
    sb.append(y).append('-');
    pad2(sb, d.getMonthValue());
    sb.append('-');
    pad2(sb, d.getDayOfMonth());
  }

  private static void appendTime(StringBuilder sb, LocalTime t) {
    pad2(sb, t.getHour());
    sb.append(':');
    pad2(sb, t.getMinute());
    sb.append(':');
    pad2(sb, t.getSecond());
    int micros = t.getNano() / 1000;
    if (micros != 0) {
      String f = Integer.toString(micros + 1_000_000).substring(1);
      int end = f.length();
      while (f.charAt(end - 1) == '0') end--;
      sb.append('.').append(f, 0, end);
    }
  }

  private static void pad2(StringBuilder sb, int v) {
    if (v < 10) sb.append('0');
    sb.append(v);
  }

  // ---- input ----

  static LocalDate parseDate(String text, ZoneId zone, Instant now) {
    LocalDate special = specialDate(text, zone, now, "date");
    if (special != null) return special;
    return parse(text, "date").local().toLocalDate();
  }

  static LocalDateTime parseTimestamp(String text, ZoneId zone, Instant now) {
    String w = text.strip().toLowerCase(Locale.ROOT);
    if (w.equals("now")) return LocalDateTime.ofInstant(now, zone);
    LocalDate special = specialDate(text, zone, now, "timestamp");
    if (special != null) return special.atStartOfDay();
    return parse(text, "timestamp").local();
  }

  static Instant parseTimestamptz(String text, ZoneId zone, Instant now) {
    String w = text.strip().toLowerCase(Locale.ROOT);
    if (w.equals("now")) return now;
    LocalDate special = specialDate(text, zone, now, "timestamp with time zone");
    if (special != null) {
      return w.equals("epoch") ? Instant.EPOCH : special.atStartOfDay(zone).toInstant();
    }
    Parsed p = parse(text, "timestamp with time zone");
    return p.local().atZone(p.zone() != null ? p.zone() : zone).toInstant();
  }

  private static LocalDate specialDate(String text, ZoneId zone, Instant now, String typeName) {
    String w = text.strip().toLowerCase(Locale.ROOT);
    return switch (w) {
      case "epoch" -> LocalDate.EPOCH;
      case "today", "now" -> LocalDate.ofInstant(now, zone);
      case "tomorrow" -> LocalDate.ofInstant(now, zone).plusDays(1);
      case "yesterday" -> LocalDate.ofInstant(now, zone).minusDays(1);
      case "infinity", "+infinity", "-infinity" -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "infinite values of type " + typeName + " are not supported yet");
      default -> null;
    };
  }

  private static Parsed parse(String text, String typeName) {
    String body = text.strip();
    String era = null;
    Matcher eraMatch = ERA.matcher(body);
    if (eraMatch.matches()) {
      body = eraMatch.group(1);
      era = eraMatch.group(2);
    }
    Matcher m = ISO.matcher(body);
    if (!m.matches()) throw syntax(text, typeName);
    try {
      int year = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(4));
      int month = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(5));
      int day = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(6));
      if (era != null && era.equalsIgnoreCase("bc")) {
        if (year == 0) throw outOfRange(text);
        year = 1 - year;
      } else if (year == 0) {
        throw outOfRange(text);
      }
      LocalDate date = LocalDate.of(year, month, day);
      LocalDateTime local = date.atStartOfDay();
      if (m.group(7) != null) {
        int hour = Integer.parseInt(m.group(7));
        int minute = Integer.parseInt(m.group(8));
        int second = m.group(9) != null ? Integer.parseInt(m.group(9)) : 0;
        long nanos = fractionNanos(m.group(10));
        if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
          local = date.plusDays(1).atStartOfDay();
        } else {
          if (hour > 23 || minute > 59 || second > 60) throw outOfRange(text);
          local = date.atTime(hour, minute, Math.min(second, 59)).plusSeconds(second == 60 ? 1 : 0).plusNanos(nanos);
        }
      }
      return new Parsed(local, zone(m.group(11), text, typeName));
    } catch (DateTimeException | NumberFormatException e) {
      throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW,
          "date/time field value out of range: \"" + text + "\"", e);
    }
  }

  /** The fractional seconds rounded to microseconds (half up, as PostgreSQL's rint on positive values). */
  private static long fractionNanos(String digits) {
    if (digits == null || digits.isEmpty()) return 0;
    String d = (digits + "0000000").substring(0, 7);
    long tenthMicros = Long.parseLong(d);
    long micros = (tenthMicros + 5) / 10;
    return micros * 1000;
  }

  private static ZoneId zone(String z, String text, String typeName) {
    if (z == null) return null;
    if (z.equalsIgnoreCase("z")) return ZoneOffset.UTC;
    char c = z.charAt(0);
    if (c == '+' || c == '-') {
      String digits = z.substring(1).replace(":", "");
      int h;
      int mi = 0;
      int s = 0;
      if (digits.length() <= 2) {
        h = Integer.parseInt(digits);
      } else {
        int hl = digits.length() % 2 == 0 ? 2 : 1;
        h = Integer.parseInt(digits.substring(0, hl));
        mi = Integer.parseInt(digits.substring(hl, hl + 2));
        if (digits.length() >= hl + 4) s = Integer.parseInt(digits.substring(hl + 2, hl + 4));
      }
      int total = h * 3600 + mi * 60 + s;
      if (h > 15 || mi > 59 || s > 59) throw outOfRange(text);
      return ZoneOffset.ofTotalSeconds(c == '-' ? -total : total);
    }
    try {
      String upper = z.toUpperCase(Locale.ROOT);
      if (upper.equals("UTC") || upper.equals("GMT") || upper.equals("UT") || upper.equals("ZULU")) {
        return ZoneOffset.UTC;
      }
      return ZoneId.of(z, ZoneId.SHORT_IDS);
    } catch (DateTimeException e) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
          "time zone \"" + z.toLowerCase(Locale.ROOT) + "\" not recognized", e);
    }
  }

  private static DbException syntax(String text, String typeName) {
    return DbException.of(SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type " + typeName + ": \"" + text + "\"");
  }

  private static DbException outOfRange(String text) {
    return DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
  }
}
