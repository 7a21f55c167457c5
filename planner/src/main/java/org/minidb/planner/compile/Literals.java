package org.minidb.planner.compile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;

/** Converts Calcite literals into the Java values {@link org.minidb.common.types.PgType} assigns per type. */
final class Literals {
  private Literals() {}

  static Object value(RexLiteral lit) {
    if (lit.isNull()) return null;
    return switch (lit.getType().getSqlTypeName()) {
      case BOOLEAN -> lit.getValueAs(Boolean.class);
      case TINYINT, SMALLINT -> lit.getValueAs(BigDecimal.class).shortValueExact();
      case INTEGER -> lit.getValueAs(BigDecimal.class).intValueExact();
      case BIGINT -> lit.getValueAs(BigDecimal.class).longValueExact();
      case DECIMAL -> lit.getValueAs(BigDecimal.class);
      case REAL -> lit.getValueAs(BigDecimal.class).floatValue();
      case FLOAT, DOUBLE -> lit.getValueAs(Double.class);
      case CHAR, VARCHAR -> lit.getValueAs(String.class);
      case BINARY, VARBINARY -> lit.getValueAs(ByteString.class).getBytes();
      case DATE -> LocalDate.parse(lit.getValueAs(DateString.class).toString());
      case TIMESTAMP -> LocalDateTime.parse(lit.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> LocalDateTime
          .parse(lit.getValueAs(TimestampString.class).toString().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      case NULL -> null;
      default -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "literal of type " + lit.getType().getFullTypeString() + " is not supported");
    };
  }

  /** PostgreSQL's rendering of a literal in EXPLAIN ({@code 5}, {@code 'x'::text}). */
  static String render(RexLiteral lit) {
    Object v = value(lit);
    if (v == null) return "NULL";
    if (v instanceof String s) return "'" + s.replace("'", "''") + "'::text";
    if (v instanceof Number || v instanceof Boolean) return v.toString();
    if (v instanceof Instant i) return "'" + i + "'::timestamp with time zone";
    return "'" + v + "'";
  }
}
