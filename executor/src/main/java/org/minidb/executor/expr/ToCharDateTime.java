package org.minidb.executor.expr;

import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * PostgreSQL's to_char for timestamps, for the common template patterns: YYYY, YY, MM, DD, DDD, D, HH24, HH12,
 * HH, MI, SS, MS, US, AM/PM/A.M./P.M. (case as written), Q, Month/MONTH/month and Day/DAY/day (blank-padded to
 * nine), Mon/MON/mon and Dy/DY/dy, the FM prefix (no padding), and double-quoted literal text. Numeric patterns
 * also match in lower case, as in PostgreSQL. Any other character is copied.
 */
final class ToCharDateTime {
  private ToCharDateTime() {}

  /** Patterns in the order they are tried at each position: longer before their prefixes. */
  private static final String[] PATTERNS = {"YYYY", "YY", "MONTH", "Month", "month", "MON", "Mon", "mon", "MM", "MI",
      "MS", "DAY", "Day", "day", "DDD", "DD", "DY", "Dy", "dy", "D", "HH24", "HH12", "HH", "SS", "US", "A.M.", "P.M.",
      "a.m.", "p.m.", "AM", "PM", "am", "pm", "Q"};

  static String format(LocalDateTime t, String format) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      if (format.charAt(i) == '"') {
        int end = format.indexOf('"', i + 1);
        if (end < 0) end = format.length();
        out.append(format, i + 1, end);
        i = end + 1;
        continue;
      }
      boolean fm = format.regionMatches(true, i, "FM", 0, 2);
      int at = fm ? i + 2 : i;
      String pattern = match(format, at);
      if (pattern == null) {
        if (fm) {
          i += 2;
          continue;
        }
        out.append(format.charAt(i++));
        continue;
      }
      out.append(field(t, pattern, fm));
      i = at + pattern.length();
    }
    return out.toString();
  }

  private static String match(String format, int at) {
    for (String p : PATTERNS) {
      if (format.startsWith(p, at)) return p;
    }
    // Numeric patterns are case-insensitive (yyyy, hh24, mi, ...); names are not (Mon, MON and mon differ).
    for (String p : new String[] {"YYYY", "YY", "MM", "MI", "MS", "DDD", "DD", "D", "HH24", "HH12", "HH", "SS", "US", "Q"}) {
      if (format.regionMatches(true, at, p, 0, p.length())) return p;
    }
    return null;
  }

  private static String field(LocalDateTime t, String pattern, boolean fm) {
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    boolean pm = t.getHour() >= 12;
    return switch (pattern) {
      case "YYYY" -> number(t.getYear(), 4, fm);
      case "YY" -> number(Math.floorMod(t.getYear(), 100), 2, fm);
      case "MM" -> number(t.getMonthValue(), 2, fm);
      case "DD" -> number(t.getDayOfMonth(), 2, fm);
      case "DDD" -> number(t.getDayOfYear(), 3, fm);
      case "D" -> String.valueOf(t.getDayOfWeek().getValue() % 7 + 1);
      case "HH24" -> number(t.getHour(), 2, fm);
      case "HH12", "HH" -> number(hour12, 2, fm);
      case "MI" -> number(t.getMinute(), 2, fm);
      case "SS" -> number(t.getSecond(), 2, fm);
      case "MS" -> number(t.getNano() / 1_000_000, 3, fm);
      case "US" -> number(t.getNano() / 1_000, 6, fm);
      case "Q" -> String.valueOf((t.getMonthValue() + 2) / 3);
      case "AM", "PM" -> pm ? "PM" : "AM";
      case "am", "pm" -> pm ? "pm" : "am";
      case "A.M.", "P.M." -> pm ? "P.M." : "A.M.";
      case "a.m.", "p.m." -> pm ? "p.m." : "a.m.";
      case "MONTH", "Month", "month" -> name(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), pattern, fm);
      case "MON", "Mon", "mon" -> name(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), pattern, true);
      case "DAY", "Day", "day" -> name(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), pattern, fm);
      case "DY", "Dy", "dy" -> name(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), pattern, true);
      default -> throw new IllegalStateException(pattern);
    };
  }

  private static String number(int v, int width, boolean fm) {
    String s = String.valueOf(v);
    return fm || s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  /** A name in the pattern's case: all upper, capitalized or all lower; padded to nine unless FM. */
  private static String name(String englishName, String pattern, boolean fm) {
    String s = Character.isLowerCase(pattern.charAt(0)) ? englishName.toLowerCase(Locale.ROOT)
        : Character.isUpperCase(pattern.charAt(1)) ? englishName.toUpperCase(Locale.ROOT) : englishName;
    return fm || s.length() >= 9 ? s : s + " ".repeat(9 - s.length());
  }
}
