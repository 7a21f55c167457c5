package org.minidb.planner.ddl;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;
import org.minidb.planner.parse.SourceMap;

/**
 * Resolves a type name as written in SQL to MiniDB's {@link DataType}, with PostgreSQL's names, typmods and
 * errors.
 *
 * <p>The parser gives two kinds of names. SQL-standard names with their own syntax ({@code integer},
 * {@code double precision}, {@code character varying(n)}, {@code numeric(p,s)},
 * {@code timestamp with time zone}) arrive as Calcite's {@link SqlBasicTypeNameSpec}; every other name
 * ({@code text}, {@code int4}, {@code bool}, {@code timestamptz}, {@code bytea}, {@code foo}) arrives as a
 * {@link SqlUserDefinedTypeNameSpec} holding the folded identifier, and is looked up by PostgreSQL name.
 */
public final class PgTypeResolver {
  private PgTypeResolver() {}

  /** Longest char(n)/varchar(n), PostgreSQL's MaxAttrSize. */
  static final int MAX_LENGTH = 10 * 1024 * 1024;
  static final int MAX_NUMERIC_PRECISION = 1000;
  static final int MAX_NUMERIC_SCALE = 1000;
  static final int MAX_TIMESTAMP_PRECISION = 6;

  /** PostgreSQL types MiniDB does not have yet: refused as unsupported rather than as unknown. */
  private static final Set<String> NOT_YET = Set.of("time", "timetz", "time with time zone",
      "time without time zone", "uuid", "json", "jsonb", "money", "inet", "cidr", "macaddr",
      "bit", "varbit", "bit varying", "xml", "point", "line", "box", "path", "polygon", "circle", "tsvector",
      "tsquery", "serial", "serial4", "bigserial", "serial8", "smallserial", "serial2", "int4range",
      "int8range", "numrange", "daterange", "tsrange", "tstzrange", "regclass", "regtype", "regproc");

  /**
   * @param source where the statement came from, for the error position (may be null)
   */
  public static DataType resolve(SqlDataTypeSpec spec, SourceMap source) {
    int position = source == null ? 0 : source.position(spec.getParserPosition());
    SqlTypeNameSpec name = spec.getTypeNameSpec();
    if (name instanceof SqlBasicTypeNameSpec basic) {
      return basic(basic, position);
    }
    if (name instanceof SqlUserDefinedTypeNameSpec named) {
      // The spec's own position is its last token; PostgreSQL points at the start of a dotted name.
      SqlIdentifier id = named.getTypeName();
      return named(id.names, source == null ? 0 : source.position(id.getParserPosition()));
    }
    // ARRAY, MULTISET, ROW, MAP: Calcite's collection syntax.
    throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
        "type " + name.getTypeName() + " is not supported yet").withPosition(position);
  }

  private static DataType basic(SqlBasicTypeNameSpec spec, int position) {
    SqlTypeName sqlType = SqlTypeName.get(spec.getTypeName().getSimple());
    if (sqlType == null) {
      throw undefined(spec.getTypeName().getSimple().toLowerCase(Locale.ROOT), position);
    }
    int precision = spec.getPrecision();
    return switch (sqlType) {
      case BOOLEAN -> DataType.BOOL;
      case SMALLINT -> DataType.INT2;
      case INTEGER -> DataType.INT4;
      case BIGINT -> DataType.INT8;
      case REAL -> DataType.FLOAT4;
      case DOUBLE, FLOAT -> DataType.FLOAT8;
      case DECIMAL -> numeric(precision, spec.getScale(), position);
      case CHAR -> DataType.bpchar(length("char", precision < 0 ? 1 : precision, position));
      case VARCHAR -> precision < 0 ? DataType.of(PgType.VARCHAR)
          : DataType.varchar(length("varchar", precision, position));
      case DATE -> DataType.DATE;
      case TIMESTAMP -> timestamp(PgType.TIMESTAMP, precision);
      case TIMESTAMP_TZ -> timestamp(PgType.TIMESTAMPTZ, precision);
      case TIME, TIME_TZ, UUID -> throw notYet(sqlType.getName().toLowerCase(Locale.ROOT), position);
      default -> throw undefined(spec.getTypeName().getSimple().toLowerCase(Locale.ROOT), position);
    };
  }

  private static DataType named(List<String> names, int position) {
    String name = names.get(names.size() - 1);
    if (names.size() > 2 || names.size() == 2 && !names.get(0).equals("pg_catalog")) {
      throw undefined(String.join(".", names), position);
    }
    return switch (name) {
      case "int4", "int" -> DataType.INT4;
      case "int2" -> DataType.INT2;
      case "int8" -> DataType.INT8;
      case "float4" -> DataType.FLOAT4;
      case "float8" -> DataType.FLOAT8;
      case "bool" -> DataType.BOOL;
      case "text" -> DataType.TEXT;
      case "bytea" -> DataType.BYTEA;
      case "timestamptz" -> DataType.TIMESTAMPTZ;
      // The lexical front quotes these keywords so that they can name columns too ("date", "interval").
      case "interval" -> DataType.INTERVAL;
      case "date" -> DataType.DATE;
      case "timestamp" -> DataType.TIMESTAMP;
      case "bpchar" -> DataType.of(PgType.BPCHAR);
      case "name" -> DataType.NAME;
      case "oid" -> DataType.OID;
      default -> {
        if (NOT_YET.contains(name)) throw notYet(name, position);
        throw undefined(name, position);
      }
    };
  }

  private static DataType numeric(int precision, int scale, int position) {
    if (precision == RelDataType.PRECISION_NOT_SPECIFIED) {
      return DataType.NUMERIC;
    }
    if (precision < 1 || precision > MAX_NUMERIC_PRECISION) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision " + precision
          + " must be between 1 and " + MAX_NUMERIC_PRECISION).withPosition(position);
    }
    if (scale == RelDataType.SCALE_NOT_SPECIFIED) {
      scale = 0;
    }
    if (scale < -MAX_NUMERIC_SCALE || scale > MAX_NUMERIC_SCALE) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC scale " + scale
          + " must be between -" + MAX_NUMERIC_SCALE + " and " + MAX_NUMERIC_SCALE).withPosition(position);
    }
    if (scale < 0) {
      // PostgreSQL 15 packs a negative scale in 11 bits; DataType's typmod keeps 0..precision-like scales.
      throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "negative NUMERIC scale is not supported yet")
          .withPosition(position);
    }
    return DataType.numeric(precision, scale);
  }

  private static int length(String type, int length, int position) {
    if (length < 1) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
          "length for type " + type + " must be at least 1").withPosition(position);
    }
    if (length > MAX_LENGTH) {
      throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
          "length for type " + type + " cannot exceed " + MAX_LENGTH).withPosition(position);
    }
    return length;
  }

  /** timestamp(p): PostgreSQL reduces p above 6 to 6 (with a WARNING). */
  private static DataType timestamp(PgType type, int precision) {
    return precision < 0 ? DataType.of(type)
        : new DataType(type, Math.min(precision, MAX_TIMESTAMP_PRECISION));
  }

  private static DbException undefined(String name, int position) {
    return DbException.of(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist")
        .withPosition(position);
  }

  private static DbException notYet(String name, int position) {
    return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "type " + name + " is not supported yet")
        .withPosition(position);
  }
}
