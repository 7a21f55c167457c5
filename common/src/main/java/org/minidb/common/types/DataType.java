package org.minidb.common.types;

/**
 * A type with its modifier, as PostgreSQL keeps them apart in pg_attribute (atttypid, atttypmod).
 * The typmod is PostgreSQL's encoding: -1 when absent; varchar(n) and char(n) store n + 4; numeric(p, s)
 * stores ((p &lt;&lt; 16) | s) + 4; timestamp(p) stores p.
 */
public record DataType(PgType type, int typmod) {
  public static final int NO_TYPMOD = -1;

  public static final DataType BOOL = new DataType(PgType.BOOL, NO_TYPMOD);
  public static final DataType INT2 = new DataType(PgType.INT2, NO_TYPMOD);
  public static final DataType INT4 = new DataType(PgType.INT4, NO_TYPMOD);
  public static final DataType INT8 = new DataType(PgType.INT8, NO_TYPMOD);
  public static final DataType FLOAT4 = new DataType(PgType.FLOAT4, NO_TYPMOD);
  public static final DataType FLOAT8 = new DataType(PgType.FLOAT8, NO_TYPMOD);
  public static final DataType NUMERIC = new DataType(PgType.NUMERIC, NO_TYPMOD);
  public static final DataType TEXT = new DataType(PgType.TEXT, NO_TYPMOD);
  public static final DataType BYTEA = new DataType(PgType.BYTEA, NO_TYPMOD);
  public static final DataType DATE = new DataType(PgType.DATE, NO_TYPMOD);
  public static final DataType TIMESTAMP = new DataType(PgType.TIMESTAMP, NO_TYPMOD);
  public static final DataType TIMESTAMPTZ = new DataType(PgType.TIMESTAMPTZ, NO_TYPMOD);
  public static final DataType INTERVAL = new DataType(PgType.INTERVAL, NO_TYPMOD);
  public static final DataType UNKNOWN = new DataType(PgType.UNKNOWN, NO_TYPMOD);
  public static final DataType NAME = new DataType(PgType.NAME, NO_TYPMOD);
  public static final DataType OID = new DataType(PgType.OID, NO_TYPMOD);

  public static DataType of(PgType type) { return new DataType(type, NO_TYPMOD); }

  public static DataType varchar(int length) { return new DataType(PgType.VARCHAR, length + 4); }

  public static DataType bpchar(int length) { return new DataType(PgType.BPCHAR, length + 4); }

  public static DataType numeric(int precision, int scale) {
    return new DataType(PgType.NUMERIC, ((precision << 16) | scale) + 4);
  }

  /** Declared length of varchar(n) / char(n), or -1. */
  public int length() {
    return (type == PgType.VARCHAR || type == PgType.BPCHAR) && typmod >= 4 ? typmod - 4 : -1;
  }

  /** Declared precision of numeric(p, s), or -1. */
  public int precision() { return type == PgType.NUMERIC && typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : -1; }

  /** Declared scale of numeric(p, s), or -1. */
  public int scale() { return type == PgType.NUMERIC && typmod >= 4 ? (typmod - 4) & 0xffff : -1; }

  /** The text format_type() gives, e.g. {@code character varying(40)} or {@code numeric(10,2)}. */
  public String formatType() {
    return switch (type) {
      case VARCHAR, BPCHAR -> length() >= 0 ? type.sqlName() + "(" + length() + ")" : type.sqlName();
      case NUMERIC -> precision() >= 0 ? "numeric(" + precision() + "," + scale() + ")" : "numeric";
      case TIMESTAMP -> typmod >= 0 ? "timestamp(" + typmod + ") without time zone" : type.sqlName();
      case TIMESTAMPTZ -> typmod >= 0 ? "timestamp(" + typmod + ") with time zone" : type.sqlName();
      default -> type.sqlName();
    };
  }

  @Override
  public String toString() { return formatType(); }
}
