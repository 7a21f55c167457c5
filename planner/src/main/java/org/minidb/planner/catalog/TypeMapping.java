package org.minidb.planner.catalog;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

/**
 * The one place where Calcite's {@link RelDataType} and MiniDB's {@link DataType} meet.
 *
 * <p>Invariants: {@code text} is an unbounded VARCHAR; {@code numeric} without typmod is
 * DECIMAL({@link PgTypeSystem#UNCONSTRAINED_PRECISION}, ...); timestamptz is
 * TIMESTAMP_WITH_LOCAL_TIME_ZONE; oid is BIGINT (its Java class is Long); name is VARCHAR(63).
 */
public final class TypeMapping {
  private TypeMapping() {}

  public static RelDataType toRel(RelDataTypeFactory tf, DataType type, boolean nullable) {
    RelDataType t = switch (type.type()) {
      case BOOL -> tf.createSqlType(SqlTypeName.BOOLEAN);
      case INT2 -> tf.createSqlType(SqlTypeName.SMALLINT);
      case INT4 -> tf.createSqlType(SqlTypeName.INTEGER);
      case INT8, OID -> tf.createSqlType(SqlTypeName.BIGINT);
      case FLOAT4 -> tf.createSqlType(SqlTypeName.REAL);
      case FLOAT8 -> tf.createSqlType(SqlTypeName.DOUBLE);
      case NUMERIC -> type.precision() >= 0
          ? tf.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale())
          : PgTypeSystem.unconstrainedNumeric(tf);
      case TEXT, UNKNOWN -> tf.createSqlType(SqlTypeName.VARCHAR);
      case VARCHAR -> type.length() >= 0
          ? tf.createSqlType(SqlTypeName.VARCHAR, type.length()) : tf.createSqlType(SqlTypeName.VARCHAR);
      case BPCHAR -> tf.createSqlType(SqlTypeName.CHAR, Math.max(type.length(), 1));
      case NAME -> tf.createSqlType(SqlTypeName.VARCHAR, 63);
      case BYTEA -> tf.createSqlType(SqlTypeName.VARBINARY);
      case DATE -> tf.createSqlType(SqlTypeName.DATE);
      case TIMESTAMP -> tf.createSqlType(SqlTypeName.TIMESTAMP, timestampPrecision(type));
      case TIMESTAMPTZ -> tf.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, timestampPrecision(type));
      case INTERVAL -> interval(tf);
    };
    return tf.createTypeWithNullability(t, nullable);
  }

  /**
   * PostgreSQL's one interval type (months, days and microseconds together) as Calcite's widest interval,
   * DAY TO SECOND with microseconds. Every Calcite interval type maps back to interval; Calcite's own interval
   * arithmetic never runs, because the validator gives interval operands PostgreSQL's operators.
   */
  public static RelDataType interval(RelDataTypeFactory tf) {
    return tf.createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
        org.apache.calcite.avatica.util.TimeUnit.DAY, 9, org.apache.calcite.avatica.util.TimeUnit.SECOND, 6,
        org.apache.calcite.sql.parser.SqlParserPos.ZERO));
  }

  private static int timestampPrecision(DataType type) { return type.typmod() >= 0 ? type.typmod() : 6; }

  /**
   * The PostgreSQL type of a Calcite type, keeping declared lengths, numeric(p,s) and timestamp(p) where
   * Calcite carries them (CAST targets). Character literals are CHAR(n) in Calcite; callers that describe
   * an expression's result use {@link #resultType} instead.
   */
  public static DataType fromRel(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> DataType.BOOL;
      case TINYINT, SMALLINT -> DataType.INT2;
      case INTEGER -> DataType.INT4;
      case BIGINT -> DataType.INT8;
      case REAL -> DataType.FLOAT4;
      case FLOAT, DOUBLE -> DataType.FLOAT8;
      case DECIMAL -> type.getPrecision() >= PgTypeSystem.UNCONSTRAINED_PRECISION
          ? DataType.NUMERIC : DataType.numeric(type.getPrecision(), Math.max(type.getScale(), 0));
      case VARCHAR -> type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          || type.getPrecision() >= PgTypeSystem.INSTANCE.getMaxPrecision(SqlTypeName.VARCHAR)
          ? DataType.TEXT : DataType.varchar(type.getPrecision());
      case CHAR -> type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          ? DataType.bpchar(1) : DataType.bpchar(type.getPrecision());
      case BINARY, VARBINARY -> DataType.BYTEA;
      case DATE -> DataType.DATE;
      case TIMESTAMP -> type.getPrecision() == 6 || type.getPrecision() < 0
          ? DataType.TIMESTAMP : new DataType(PgType.TIMESTAMP, type.getPrecision());
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> type.getPrecision() == 6 || type.getPrecision() < 0
          ? DataType.TIMESTAMPTZ : new DataType(PgType.TIMESTAMPTZ, type.getPrecision());
      case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH, INTERVAL_DAY, INTERVAL_DAY_HOUR,
          INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR, INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND,
          INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND, INTERVAL_SECOND -> DataType.INTERVAL;
      case NULL, UNKNOWN, ANY -> DataType.TEXT;
      default -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "type " + type.getFullTypeString() + " is not supported");
    };
  }

  /**
   * The type PostgreSQL reports for an expression of this Calcite type: character literals and CHAR
   * expressions are text, numeric results carry no typmod.
   */
  public static DataType resultType(RelDataType type) {
    DataType t = fromRel(type);
    return switch (t.type()) {
      case BPCHAR -> DataType.TEXT;
      case NUMERIC -> DataType.NUMERIC;
      default -> t;
    };
  }
}
