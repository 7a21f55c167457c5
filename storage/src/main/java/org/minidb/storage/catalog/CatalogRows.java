package org.minidb.storage.catalog;

import org.minidb.common.types.DataType;
import org.minidb.common.types.PgType;

/** Builds catalog rows as PostgreSQL fills them, for bootstrap and DDL alike. */
final class CatalogRows {
  private CatalogRows() {}

  static Object[] type(PgType t) {
    int len = t.typlen();
    boolean byval = len == 1 || len == 2 || len == 4 || len == 8;
    String category = switch (t) {
      case BOOL -> "B";
      case BYTEA -> "U";
      case UNKNOWN -> "X";
      default -> t.isNumeric() ? "N" : t.isString() ? "S" : t.isDateTime() ? "D" : "U";
    };
    boolean preferred = t == PgType.BOOL || t == PgType.TEXT || t == PgType.FLOAT8 || t == PgType.OID
        || t == PgType.TIMESTAMPTZ;
    return SystemCatalogs.PG_TYPE.row("oid", (long) t.oid(), "typname", t.typname(),
        "typnamespace", Oids.PG_CATALOG_NAMESPACE, "typowner", Oids.BOOTSTRAP_SUPERUSER, "typlen", (short) len,
        "typbyval", byval, "typtype", t == PgType.UNKNOWN ? "p" : "b", "typcategory", category,
        "typispreferred", preferred, "typisdefined", true, "typdelim", ",", "typarray", (long) t.arrayOid(),
        "typtypmod", -1, "typcollation", collation(t));
  }

  static long collation(PgType t) {
    return switch (t) {
      case TEXT, VARCHAR, BPCHAR -> Oids.DEFAULT_COLLATION;
      case NAME -> Oids.C_COLLATION;
      default -> 0L;
    };
  }

  static Object[] relation(long oid, String name, long namespace, long relfilenode, int natts, int nchecks,
      boolean shared) {
    return relation(oid, name, namespace, relfilenode, natts, nchecks, shared, false);
  }

  static Object[] relation(long oid, String name, long namespace, long relfilenode, int natts, int nchecks,
      boolean shared, boolean hasIndex) {
    return relation(oid, name, namespace, relfilenode, natts, nchecks, shared, hasIndex, 0L);
  }

  static Object[] relation(long oid, String name, long namespace, long relfilenode, int natts, int nchecks,
      boolean shared, boolean hasIndex, long toastRelid) {
    return SystemCatalogs.PG_CLASS.row("oid", oid, "relname", name, "relnamespace", namespace,
        "relowner", Oids.BOOTSTRAP_SUPERUSER, "relam", Oids.HEAP_AM, "relfilenode", relfilenode,
        "reltoastrelid", toastRelid, "reltuples", -1f, "relhasindex", hasIndex, "relisshared", shared, "relpersistence", "p", "relkind", "r",
        "relnatts", (short) natts, "relchecks", (short) nchecks, "relispopulated", true, "relreplident", "d");
  }

  /**
   * The pg_class row of a table's TOAST relation (relkind 't' in namespace pg_toast, PostgreSQL's name
   * {@code pg_toast_<table oid>}; relfilenode = oid, never rewritten).
   */
  static Object[] toastRelation(long oid, long tableOid) {
    return SystemCatalogs.PG_CLASS.row("oid", oid, "relname", "pg_toast_" + tableOid,
        "relnamespace", Oids.PG_TOAST_NAMESPACE, "relowner", Oids.BOOTSTRAP_SUPERUSER, "relam", Oids.HEAP_AM,
        "relfilenode", oid, "reltuples", -1f, "relisshared", false, "relpersistence", "p", "relkind", "t",
        "relnatts", (short) 3, "relispopulated", true, "relreplident", "n");
  }

  /** The pg_class row of an index (relkind 'i', the btree access method; relreplident 'n' as PostgreSQL has). */
  static Object[] indexRelation(IndexDef index, long namespace) {
    return SystemCatalogs.PG_CLASS.row("oid", index.oid(), "relname", index.name(), "relnamespace", namespace,
        "relowner", Oids.BOOTSTRAP_SUPERUSER, "relam", Oids.BTREE_AM, "relfilenode", index.relfilenode(),
        "reltuples", -1f, "relisshared", false, "relpersistence", "p", "relkind", "i",
        "relnatts", (short) (index.keys().size() + index.include().size()), "relispopulated", true, "relreplident", "n");
  }

  /**
   * The pg_index row: indkey lists the key attnums (0 for an expression) then the INCLUDE ones, indoption has one
   * entry per key column; indexprs is the expressions' SQL text as an array literal, indpred the predicate's SQL
   * text (PostgreSQL keeps node trees there; MiniDB keeps text it parses again).
   */
  static Object[] index(IndexDef index) {
    StringBuilder key = new StringBuilder();
    StringBuilder option = new StringBuilder();
    for (IndexDef.Key k : index.keys()) {
      if (!key.isEmpty()) {
        key.append(' ');
        option.append(' ');
      }
      key.append(k.attnum());
      option.append(k.option());
    }
    for (int attnum : index.include()) key.append(' ').append(attnum);
    short n = (short) index.keys().size();
    return SystemCatalogs.PG_INDEX.row("indexrelid", index.oid(), "indrelid", index.tableOid(), "indnatts",
        (short) (n + index.include().size()), "indnkeyatts", n, "indisunique", index.unique(), "indisprimary",
        index.primary(), "indisvalid", true, "indisready", true, "indislive", true, "indkey", key.toString(),
        "indoption", option.toString(),
        "indexprs", index.expressions().isEmpty() ? null : ArrayText.format(index.expressions()),
        "indpred", index.predicate());
  }

  /** The pg_constraint row of a PRIMARY KEY ('p') or UNIQUE ('u') constraint, owning its index. */
  static Object[] indexConstraint(long oid, IndexDef index, long namespace) {
    return SystemCatalogs.PG_CONSTRAINT.row("oid", oid, "conname", index.name(), "connamespace", namespace,
        "contype", String.valueOf(index.constraint()), "convalidated", true, "conrelid", index.tableOid(),
        "conindid", index.oid(), "conislocal", true, "connoinherit", true);
  }

  static Object[] attribute(long relOid, ColumnDef c) {
    PgType t = c.type().type();
    int len = t.typlen();
    String align = switch (len) {
      case 1, 64, -2 -> "c";
      case 2 -> "s";
      case 8 -> "d";
      default -> "i";
    };
    String storage = len > 0 ? "p" : t == PgType.NUMERIC ? "m" : "x";
    return SystemCatalogs.PG_ATTRIBUTE.row("attrelid", relOid, "attname", c.name(), "atttypid", (long) t.oid(),
        "attstattarget", -1, "attlen", (short) len, "attnum", (short) c.attnum(), "attcacheoff", -1,
        "atttypmod", c.type().typmod(), "attbyval", len == 1 || len == 2 || len == 4 || len == 8,
        "attalign", align, "attstorage", storage, "attcompression", "", "attnotnull", c.notNull(),
        "atthasdef", c.defaultExpr() != null, "attidentity", "", "attgenerated", "", "attislocal", true,
        "attcollation", collation(t));
  }

  static Object[] attrdef(long oid, long relOid, int attnum, String expr) {
    return SystemCatalogs.PG_ATTRDEF.row("oid", oid, "adrelid", relOid, "adnum", (short) attnum, "adbin", expr);
  }

  static Object[] checkConstraint(long oid, String name, long namespace, long relOid, String expr) {
    return SystemCatalogs.PG_CONSTRAINT.row("oid", oid, "conname", name, "connamespace", namespace,
        "contype", "c", "convalidated", true, "conrelid", relOid, "conislocal", true, "conbin", expr);
  }

  /** The DataType of a pg_attribute row. */
  static DataType dataType(long typeOid, int typmod) {
    PgType t = PgType.byOid((int) typeOid);
    if (t == null) throw new IllegalStateException("unknown type oid " + typeOid + " in pg_attribute");
    return new DataType(t, typmod);
  }
}
