package org.minidb.storage.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.types.DataType;

/**
 * The definition of one system catalog table: PostgreSQL's OID and name, whether it is shared by all
 * databases (stored under {@code global/}), and its columns (a subset of PostgreSQL's, same names and
 * types; PostgreSQL's {@code "char"} columns are {@code char(1)} until that type exists). Rows are RowCodec
 * rows in column order.
 */
public record SystemTable(long oid, String name, boolean shared, List<ColumnDef> columns) {
  /** The single-byte {@code "char"} columns (relkind, contype, ...). */
  static final DataType CHAR = DataType.bpchar(1);

  public List<DataType> types() {
    List<DataType> t = new ArrayList<>(columns.size());
    for (ColumnDef c : columns) t.add(c.type());
    return t;
  }

  /** Index of a column in a row array; throws for unknown names (a bug in the catalog code). */
  public int index(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) return i;
    }
    throw new IllegalArgumentException(name + " has no column " + column);
  }

  /**
   * A row from name/value pairs; columns not given get a neutral value (false, 0, or null for text).
   */
  public Object[] row(Object... pairs) {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) row[i] = neutral(columns.get(i).type());
    for (int i = 0; i < pairs.length; i += 2) row[index((String) pairs[i])] = pairs[i + 1];
    return row;
  }

  private static Object neutral(DataType t) {
    return switch (t.type()) {
      case BOOL -> false;
      case INT2 -> (short) 0;
      case INT4 -> 0;
      case OID, INT8 -> 0L;
      case FLOAT4 -> 0f;
      default -> null;
    };
  }

  public TableDef tableDef() {
    return new TableDef(oid, Oids.PG_CATALOG_NAMESPACE, "pg_catalog", name, oid, columns, List.of());
  }

  /** Builds the column list from (name, type) pairs; every system column is NOT NULL except text ones. */
  static List<ColumnDef> columns(Object... nameTypePairs) {
    List<ColumnDef> cols = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      DataType t = (DataType) nameTypePairs[i + 1];
      boolean notNull = !(t.type().isString() && t.type() != org.minidb.common.types.PgType.NAME)
          && t.type() != org.minidb.common.types.PgType.TIMESTAMPTZ;
      cols.add(new ColumnDef((String) nameTypePairs[i], i / 2 + 1, t, notNull, null));
    }
    return List.copyOf(cols);
  }

  static Map<Long, SystemTable> byOid(List<SystemTable> tables) {
    Map<Long, SystemTable> m = new HashMap<>();
    for (SystemTable t : tables) m.put(t.oid(), t);
    return m;
  }
}
