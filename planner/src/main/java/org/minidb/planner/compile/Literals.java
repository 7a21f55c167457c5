package org.minidb.planner.compile;

import java.math.BigDecimal;
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
public final class Literals {
  private Literals() {}

  public static Object value(RexLiteral lit) {
    if (lit.isNull()) return null;
    return switch (lit.getType().getSqlTypeName()) {
      case BOOLEAN -> lit.getValueAs(Boolean.class);
      case TINYINT, SMALLINT -> lit.getValueAs(BigDecimal.class).shortValueExact();
      case INTEGER -> lit.getValueAs(BigDecimal.class).intValueExact();
      case BIGINT -> lit.getValueAs(BigDecimal.class).longValueExact();
      case DECIMAL -> decimal(lit);
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

  /**
   * Calcite has already rounded a literal cast to unconstrained numeric to the type system's default scale
   * ({@code 1.5::numeric} arrives as 1.5000...); such a value goes back to its significant digits.
   */
  private static BigDecimal decimal(RexLiteral lit) {
    BigDecimal v = lit.getValueAs(BigDecimal.class);
    if (lit.getType().getPrecision() < org.minidb.planner.catalog.PgTypeSystem.UNCONSTRAINED_PRECISION) return v;
    BigDecimal stripped = v.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
