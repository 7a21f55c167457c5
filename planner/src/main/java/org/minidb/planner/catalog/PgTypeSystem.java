package org.minidb.planner.catalog;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system bent to PostgreSQL's: numeric up to 1000 digits, timestamps with microseconds,
 * and PostgreSQL's aggregate result types (sum(int4) is int8, sum(int8) and avg of an integer are numeric),
 * so that Calcite types the plan as PostgreSQL types the query.
 *
 * <p>A DECIMAL with precision {@link #UNCONSTRAINED_PRECISION} stands for {@code numeric} without a typmod.
 */
public final class PgTypeSystem extends RelDataTypeSystemImpl {
  public static final PgTypeSystem INSTANCE = new PgTypeSystem();

  /** numeric's limit in PostgreSQL; also the marker of "numeric without typmod". */
  public static final int UNCONSTRAINED_PRECISION = 1000;

  /**
   * Scale Calcite uses for {@code numeric} without typmod. Calcite rounds casts of literals to this scale at
   * plan time, so it must be generous; the executor's unconstrained numeric keeps the value's own scale.
   */
  public static final int UNCONSTRAINED_SCALE = 32;

  private PgTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case DECIMAL -> UNCONSTRAINED_PRECISION;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIME, TIME_WITH_LOCAL_TIME_ZONE -> 6;
      case VARCHAR, CHAR -> 10 * 1024 * 1024;
      default -> super.getMaxPrecision(typeName);
    };
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? UNCONSTRAINED_PRECISION : super.getMaxScale(typeName);
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case DECIMAL -> UNCONSTRAINED_PRECISION;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIME, TIME_WITH_LOCAL_TIME_ZONE -> 6;
      default -> super.getDefaultPrecision(typeName);
    };
  }

  @Override
  public int getDefaultScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? UNCONSTRAINED_SCALE : super.getDefaultScale(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory tf, RelDataType argumentType) {
    RelDataType result = switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER -> tf.createSqlType(SqlTypeName.BIGINT);
      case BIGINT, DECIMAL -> unconstrainedNumeric(tf);
      case REAL -> tf.createSqlType(SqlTypeName.REAL);
      case FLOAT, DOUBLE -> tf.createSqlType(SqlTypeName.DOUBLE);
      default -> argumentType;
    };
    return tf.createTypeWithNullability(result, true);
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory tf, RelDataType argumentType) {
    RelDataType result = switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> unconstrainedNumeric(tf);
      case REAL, FLOAT, DOUBLE -> tf.createSqlType(SqlTypeName.DOUBLE);
      default -> argumentType;
    };
    return tf.createTypeWithNullability(result, true);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() { return true; }

  public static RelDataType unconstrainedNumeric(RelDataTypeFactory tf) {
    return tf.createSqlType(SqlTypeName.DECIMAL, UNCONSTRAINED_PRECISION, UNCONSTRAINED_SCALE);
  }
}
