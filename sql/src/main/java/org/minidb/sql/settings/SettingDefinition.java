package org.minidb.sql.settings;

import java.util.Locale;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/**
 * One configuration parameter (a GUC in PostgreSQL's terms): its name, kind, default, when it may change
 * and whether changes are reported to the client in ParameterStatus.
 *
 * @param unit for INTEGER settings with memory units, the unit of a bare number: "kB" or "8kB" (shared_buffers
 *     counts 8 kB pages, work_mem kilobytes), "ms" or "s" for times; null for none
 */
public record SettingDefinition(String name, Kind kind, String defaultValue, Context context, boolean reported,
    String unit, String description) {

  /** REAL: a double, shown as C's %g (PostgreSQL's real GUCs: random_page_cost, cpu_tuple_cost). */
  public enum Kind { BOOL, INTEGER, REAL, STRING, ENUM }

  /** When a setting may change, as pg_settings.context says. */
  public enum Context {
    /** Only at server start (flags, environment, minidb.conf). */
    POSTMASTER,
    /** Any session, with SET. */
    USER,
    /** Reported but fixed (server_version and the like). */
    INTERNAL
  }

  /**
   * Checks and normalizes a value the way PostgreSQL shows it back in SHOW: booleans as on/off, memory in
   * the largest exact unit (128MB, 4MB, 64kB).
   */
  public String normalize(String value) {
    String v = value.trim();
    return switch (kind) {
      case BOOL -> parseBool(v) ? "on" : "off";
      case INTEGER -> unit == null ? Long.toString(parseInteger(v)) : formatWithUnit(parseWithUnit(v));
      case REAL -> RealSetting.format(RealSetting.parse(name, v));
      default -> v;
    };
  }

  /** A REAL setting's value. */
  public double realValue(String normalized) { return RealSetting.parse(name, normalized); }

  /** The value in the base unit: bytes for memory, milliseconds for time, the number itself otherwise. */
  public long numericValue(String normalized) {
    return unit == null ? parseInteger(normalized) : parseWithUnit(normalized);
  }

  private boolean parseBool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1", "t", "y" -> true;
      case "off", "false", "no", "0", "f", "n" -> false;
      default -> throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
          "parameter \"" + name + "\" requires a Boolean value");
    };
  }

  private long parseInteger(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(v, e);
    }
  }

  private boolean isMemory() { return unit.endsWith("B"); }

  private long baseUnit() {
    return switch (unit) {
      case "kB" -> 1024L;
      case "8kB" -> 8192L;
      case "MB" -> 1024L * 1024;
      case "ms" -> 1L;
      case "s" -> 1000L;
      case "min" -> 60_000L;
      default -> throw new IllegalStateException("unit " + unit);
    };
  }

  private long parseWithUnit(String v) {
    int i = 0;
    if (i < v.length() && (v.charAt(i) == '-' || v.charAt(i) == '+')) i++;
    while (i < v.length() && Character.isDigit(v.charAt(i))) i++;
    if (i == 0) throw invalid(v, null);
    long number = parseInteger(v.substring(0, i));
    String suffix = v.substring(i).trim();
    if (suffix.isEmpty()) return number * baseUnit();
    long factor;
    if (isMemory()) {
      factor = switch (suffix) {
        case "B" -> 1L;
        case "kB" -> 1024L;
        case "MB" -> 1024L * 1024;
        case "GB" -> 1024L * 1024 * 1024;
        case "TB" -> 1024L * 1024 * 1024 * 1024;
        default -> throw invalid(v, null).withHint("Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
      };
    } else {
      factor = switch (suffix) {
        case "us" -> 0L;
        case "ms" -> 1L;
        case "s" -> 1000L;
        case "min" -> 60_000L;
        case "h" -> 3_600_000L;
        case "d" -> 86_400_000L;
        default -> throw invalid(v, null).withHint("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
      };
    }
    return number * factor;
  }

  private String formatWithUnit(long base) {
    if (base <= 0) return Long.toString(base / baseUnit()); // PostgreSQL shows 0 and -1 without a unit
    if (isMemory()) {
      String[] names = {"TB", "GB", "MB", "kB"};
      long[] sizes = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
      for (int i = 0; i < names.length; i++) {
        if (base != 0 && base % sizes[i] == 0) return (base / sizes[i]) + names[i];
      }
      return base + "B";
    }
    String[] names = {"d", "h", "min", "s"};
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    for (int i = 0; i < names.length; i++) {
      if (base != 0 && base % sizes[i] == 0) return (base / sizes[i]) + names[i];
    }
    return base + "ms";
  }

  private DbException invalid(String v, Throwable cause) {
    String message = "invalid value for parameter \"" + name + "\": \"" + v + "\"";
    return cause == null ? DbException.of(SqlState.INVALID_PARAMETER_VALUE, message)
        : DbException.of(SqlState.INVALID_PARAMETER_VALUE, message, cause);
  }
}
