package org.minidb.planner.validate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.minidb.planner.catalog.TypeMapping;

/** PostgreSQL's names of Calcite types, as error messages print them ({@code integer}, {@code text}). */
final class PgTypeNames {
  private PgTypeNames() {}

  static String of(RelDataType type) {
    if (type == null) return "unknown";
    SqlTypeName n = type.getSqlTypeName();
    if (n == SqlTypeName.NULL || n == SqlTypeName.UNKNOWN) return "unknown";
    if (n == SqlTypeName.CHAR) return "text";
    try {
      return TypeMapping.resultType(type).type().sqlName();
    } catch (RuntimeException e) {
      return type.getFullTypeString().toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern NAME = Pattern.compile("^([A-Z_ ]+?)(\\(.*\\))?( NOT NULL)?$");

  /** PostgreSQL's name for a Calcite type as printed in Calcite's messages ({@code CHAR(1)}, {@code INTEGER}). */
  static String ofCalciteName(String calciteName) {
    Matcher m = NAME.matcher(calciteName.trim());
    if (!m.matches()) return calciteName.toLowerCase(Locale.ROOT);
    return switch (m.group(1).trim()) {
      case "BOOLEAN" -> "boolean";
      case "TINYINT", "SMALLINT" -> "smallint";
      case "INTEGER" -> "integer";
      case "BIGINT" -> "bigint";
      case "DECIMAL" -> "numeric";
      case "REAL" -> "real";
      case "FLOAT", "DOUBLE" -> "double precision";
      case "CHAR" -> "text";
      case "VARCHAR" -> m.group(2) == null ? "text" : "character varying";
      case "BINARY", "VARBINARY" -> "bytea";
      case "DATE" -> "date";
      case "TIMESTAMP" -> "timestamp without time zone";
      case "TIMESTAMP_WITH_LOCAL_TIME_ZONE", "TIMESTAMP WITH LOCAL TIME ZONE", "TIMESTAMP_TZ" ->
          "timestamp with time zone";
      case "NULL", "UNKNOWN" -> "unknown";
      default -> m.group(1).toLowerCase(Locale.ROOT);
    };
  }
}
