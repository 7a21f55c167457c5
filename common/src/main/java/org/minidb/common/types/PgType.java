package org.minidb.common.types;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in PostgreSQL types MiniDB knows, with PostgreSQL's OIDs, names and lengths, and the Java class
 * that carries a value of the type everywhere inside MiniDB (rows, expressions, parameters):
 *
 * <pre>
 * bool -> Boolean      int2 -> Short        int4 -> Integer     int8 -> Long      oid -> Long
 * float4 -> Float      float8 -> Double     numeric -> java.math.BigDecimal
 * text, varchar, bpchar, name, unknown -> String          bytea -> byte[]
 * date -> java.time.LocalDate    timestamp -> java.time.LocalDateTime    timestamptz -> java.time.Instant
 * interval -> {@link Interval}
 * </pre>
 *
 * SQL NULL is Java {@code null} for every type.
 */
public enum PgType {
  BOOL(16, "bool", "boolean", 1, Boolean.class, 1000),
  BYTEA(17, "bytea", "bytea", -1, byte[].class, 1001),
  NAME(19, "name", "name", 64, String.class, 1003),
  INT8(20, "int8", "bigint", 8, Long.class, 1016),
  INT2(21, "int2", "smallint", 2, Short.class, 1005),
  INT4(23, "int4", "integer", 4, Integer.class, 1007),
  TEXT(25, "text", "text", -1, String.class, 1009),
  OID(26, "oid", "oid", 4, Long.class, 1028),
  FLOAT4(700, "float4", "real", 4, Float.class, 1021),
  FLOAT8(701, "float8", "double precision", 8, Double.class, 1022),
  UNKNOWN(705, "unknown", "unknown", -2, String.class, 0),
  BPCHAR(1042, "bpchar", "character", -1, String.class, 1014),
  VARCHAR(1043, "varchar", "character varying", -1, String.class, 1015),
  DATE(1082, "date", "date", 4, java.time.LocalDate.class, 1182),
  TIMESTAMP(1114, "timestamp", "timestamp without time zone", 8, java.time.LocalDateTime.class, 1115),
  TIMESTAMPTZ(1184, "timestamptz", "timestamp with time zone", 8, java.time.Instant.class, 1185),
  INTERVAL(1186, "interval", "interval", 16, Interval.class, 1187),
  NUMERIC(1700, "numeric", "numeric", -1, java.math.BigDecimal.class, 1231);

  private final int oid;
  private final String typname;
  private final String sqlName;
  private final int typlen;
  private final Class<?> javaClass;
  private final int arrayOid;

  PgType(int oid, String typname, String sqlName, int typlen, Class<?> javaClass, int arrayOid) {
    this.oid = oid;
    this.typname = typname;
    this.sqlName = sqlName;
    this.typlen = typlen;
    this.javaClass = javaClass;
    this.arrayOid = arrayOid;
  }

  /** PostgreSQL's pg_type.oid. */
  public int oid() { return oid; }
  /** pg_type.typname, e.g. {@code int4}. */
  public String typname() { return typname; }
  /** The name format_type() prints, e.g. {@code integer}. */
  public String sqlName() { return sqlName; }
  /** pg_type.typlen: bytes of a fixed-length value, -1 for varlena. */
  public int typlen() { return typlen; }
  public Class<?> javaClass() { return javaClass; }
  public int arrayOid() { return arrayOid; }

  public boolean isNumeric() {
    return this == INT2 || this == INT4 || this == INT8 || this == FLOAT4 || this == FLOAT8
        || this == NUMERIC || this == OID;
  }

  public boolean isInteger() { return this == INT2 || this == INT4 || this == INT8; }

  public boolean isString() {
    return this == TEXT || this == VARCHAR || this == BPCHAR || this == NAME || this == UNKNOWN;
  }

  public boolean isDateTime() { return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ; }

  private static final Map<Integer, PgType> BY_OID = new HashMap<>();
  private static final Map<String, PgType> BY_NAME = new HashMap<>();

  static {
    for (PgType t : values()) {
      BY_OID.put(t.oid, t);
      BY_NAME.put(t.typname, t);
      BY_NAME.put(t.sqlName, t);
    }
    // The other spellings PostgreSQL accepts for these types.
    BY_NAME.put("int", INT4);
    BY_NAME.put("integer", INT4);
    BY_NAME.put("smallint", INT2);
    BY_NAME.put("bigint", INT8);
    BY_NAME.put("real", FLOAT4);
    BY_NAME.put("float", FLOAT8);
    BY_NAME.put("double", FLOAT8);
    BY_NAME.put("decimal", NUMERIC);
    BY_NAME.put("char", BPCHAR);
    BY_NAME.put("character", BPCHAR);
    BY_NAME.put("timestamp with time zone", TIMESTAMPTZ);
    BY_NAME.put("timestamp without time zone", TIMESTAMP);
  }

  /** The type with this OID, or null. */
  public static PgType byOid(int oid) { return BY_OID.get(oid); }

  /** The type with this SQL or catalog name (case-insensitive), or null. */
  public static PgType byName(String name) { return BY_NAME.get(name.toLowerCase(Locale.ROOT)); }
}
