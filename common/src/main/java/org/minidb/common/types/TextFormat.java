package org.minidb.common.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * PostgreSQL's text output and input functions (typoutput / typinput) for every {@link PgType}, over the Java
 * value classes listed in PgType's javadoc. Output is what psql shows and what the wire's text format
 * carries; input is what a cast from text and a text-format parameter go through. Errors are PostgreSQL's
 * (22P02 invalid input syntax, 22003 out of range, 22007/22008 for dates and times).
 *
 * <p>Type modifiers (varchar(n), numeric(p,s), ...) are not applied here: that is the cast's job.
 */
public final class TextFormat {
  private TextFormat() {}

  /** Text output of a value of {@code type}, timestamptz shown in {@code zone}; null for SQL NULL. */
  public static String format(PgType type, Object value, ZoneId zone) {
    if (value == null) return null;
    return switch (type) {
      case BOOL -> ((Boolean) value) ? "t" : "f";
      case INT2, INT4, INT8, OID -> value.toString();
      case FLOAT4 -> FloatText.formatFloat((Float) value);
      case FLOAT8 -> FloatText.formatDouble((Double) value);
      case NUMERIC -> formatNumeric((BigDecimal) value);
      case BYTEA -> ByteaText.format((byte[]) value);
      case DATE -> DateTimeText.formatDate((LocalDate) value);
      case TIMESTAMP -> DateTimeText.formatTimestamp((LocalDateTime) value);
      case TIMESTAMPTZ -> DateTimeText.formatTimestamptz((Instant) value, zone);
      case INTERVAL -> IntervalText.format((Interval) value);
      case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN -> (String) value;
    };
  }

  /** Text output with timestamptz in UTC. */
  public static String format(PgType type, Object value) { return format(type, value, ZoneOffset.UTC); }

  /** numeric output: plain notation, never an exponent, the value's own scale (1.50 stays 1.50). */
  public static String formatNumeric(BigDecimal d) {
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /** Text input of {@code type}; {@code now} is what {@code 'now'} and {@code 'today'} mean. */
  public static Object parse(PgType type, String text, ZoneId zone, Instant now) {
    if (text == null) return null;
    return switch (type) {
      case BOOL -> parseBool(text);
      case INT2 -> (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
      case INT4 -> (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
      case INT8 -> parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
      case OID -> parseInteger(text, Integer.MIN_VALUE, 0xffffffffL, "oid") & 0xffffffffL;
      case FLOAT4 -> FloatText.parseFloat(text);
      case FLOAT8 -> FloatText.parseDouble(text);
      case NUMERIC -> parseNumeric(text);
      case BYTEA -> ByteaText.parse(text);
      case DATE -> DateTimeText.parseDate(text, zone, now);
      case TIMESTAMP -> DateTimeText.parseTimestamp(text, zone, now);
      case TIMESTAMPTZ -> DateTimeText.parseTimestamptz(text, zone, now);
      case INTERVAL -> IntervalText.parse(text);
      case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN -> text;
    };
  }

  /** Text input in {@code zone}, with the current time as {@code now}. */
  public static Object parse(PgType type, String text, ZoneId zone) {
    return parse(type, text, zone, Instant.now());
  }

  /** Text input with timestamptz read in UTC when the text has no zone. */
  public static Object parse(PgType type, String text) { return parse(type, text, ZoneOffset.UTC, Instant.now()); }

  /** boolin: t/true/y/yes/on/1 and f/false/n/no/off/0, any unambiguous prefix, case-insensitive, trimmed. */
  public static boolean parseBool(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (!s.isEmpty()) {
      if (s.equals("1")) return true;
      if (s.equals("0")) return false;
      if ("true".startsWith(s) || "yes".startsWith(s)) return true;
      if ("false".startsWith(s) || "no".startsWith(s)) return false;
      if (s.length() >= 2 && "on".startsWith(s)) return true;
      if (s.length() >= 2 && "off".startsWith(s)) return false;
    }
    throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type boolean: \"" + text + "\"");
  }

  /** int2in / int4in / int8in: optional sign, decimal digits, surrounding white space. */
  public static long parseInteger(String text, long min, long max, String typeName) {
    String s = text.strip();
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i >= s.length()) throw invalidInteger(text, typeName);
    // Accumulate negatively so that the minimum value parses without overflow.
    long acc = 0;
    boolean overflow = false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') throw invalidInteger(text, typeName);
      int d = c - '0';
      if (acc < (Long.MIN_VALUE + d) / 10) {
        overflow = true;
      } else {
        acc = acc * 10 - d;
      }
    }
    if (!negative) {
      if (acc == Long.MIN_VALUE) overflow = true;
      acc = -acc;
    }
    if (overflow || acc < min || acc > max) {
      throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "value \"" + text + "\" is out of range for type " + typeName);
    }
    return acc;
  }

  private static DbException invalidInteger(String text, String typeName) {
    return DbException.of(SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type " + typeName + ": \"" + text + "\"");
  }

  /** numeric_in: decimal or exponent notation; keeps the written scale ({@code 1.50}), never negative. */
  public static BigDecimal parseNumeric(String text) {
    String s = text.strip();
    boolean ok = !s.isEmpty();
    for (int i = 0; ok && i < s.length(); i++) {
      char c = s.charAt(i);
      ok = (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E';
    }
    if (ok) {
      try {
        BigDecimal d = new BigDecimal(s);
        return d.scale() < 0 ? d.setScale(0) : d;
      } catch (NumberFormatException e) {
        // fall through to PostgreSQL's message
      }
    }
    if (s.equalsIgnoreCase("nan") || s.toLowerCase(Locale.ROOT).contains("inf")) {
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "numeric value \"" + s + "\" is not supported yet");
    }
    throw DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type numeric: \"" + text + "\"");
  }
}
