package org.minidb.storage.catalog;

import static org.minidb.storage.catalog.SystemTable.CHAR;
import static org.minidb.storage.catalog.SystemTable.columns;

import java.util.List;
import java.util.Map;
import org.minidb.common.types.DataType;

/** The system catalog tables MiniDB stores (a subset of PostgreSQL's columns, with its names and types). */
public final class SystemCatalogs {
  private SystemCatalogs() {}

  private static final DataType OID = DataType.OID;
  private static final DataType NAME = DataType.NAME;
  private static final DataType BOOL = DataType.BOOL;
  private static final DataType INT2 = DataType.INT2;
  private static final DataType INT4 = DataType.INT4;
  private static final DataType TEXT = DataType.TEXT;

  public static final SystemTable PG_DATABASE = new SystemTable(Oids.PG_DATABASE, "pg_database", true, columns(
      "oid", OID, "datname", NAME, "datdba", OID, "encoding", INT4, "datlocprovider", CHAR,
      "datistemplate", BOOL, "datallowconn", BOOL, "datconnlimit", INT4, "datcollate", TEXT, "datctype", TEXT));

  public static final SystemTable PG_AUTHID = new SystemTable(Oids.PG_AUTHID, "pg_authid", true, columns(
      "oid", OID, "rolname", NAME, "rolsuper", BOOL, "rolinherit", BOOL, "rolcreaterole", BOOL,
      "rolcreatedb", BOOL, "rolcanlogin", BOOL, "rolreplication", BOOL, "rolbypassrls", BOOL,
      "rolconnlimit", INT4, "rolpassword", TEXT, "rolvaliduntil", DataType.TIMESTAMPTZ));

  public static final SystemTable PG_NAMESPACE = new SystemTable(Oids.PG_NAMESPACE, "pg_namespace", false, columns(
      "oid", OID, "nspname", NAME, "nspowner", OID));

  public static final SystemTable PG_CLASS = new SystemTable(Oids.PG_CLASS, "pg_class", false, columns(
      "oid", OID, "relname", NAME, "relnamespace", OID, "reltype", OID, "reloftype", OID, "relowner", OID,
      "relam", OID, "relfilenode", OID, "reltablespace", OID, "relpages", INT4, "reltuples", DataType.FLOAT4,
      "relallvisible", INT4, "reltoastrelid", OID, "relhasindex", BOOL, "relisshared", BOOL,
      "relpersistence", CHAR, "relkind", CHAR, "relnatts", INT2, "relchecks", INT2, "relhasrules", BOOL,
      "relhastriggers", BOOL, "relhassubclass", BOOL, "relrowsecurity", BOOL, "relforcerowsecurity", BOOL,
      "relispopulated", BOOL, "relreplident", CHAR, "relispartition", BOOL));

  public static final SystemTable PG_ATTRIBUTE = new SystemTable(Oids.PG_ATTRIBUTE, "pg_attribute", false, columns(
      "attrelid", OID, "attname", NAME, "atttypid", OID, "attstattarget", INT4, "attlen", INT2, "attnum", INT2,
      "attndims", INT4, "attcacheoff", INT4, "atttypmod", INT4, "attbyval", BOOL, "attalign", CHAR,
      "attstorage", CHAR, "attcompression", CHAR, "attnotnull", BOOL, "atthasdef", BOOL, "atthasmissing", BOOL,
      "attidentity", CHAR, "attgenerated", CHAR, "attisdropped", BOOL, "attislocal", BOOL, "attinhcount", INT4,
      "attcollation", OID));

  public static final SystemTable PG_TYPE = new SystemTable(Oids.PG_TYPE, "pg_type", false, columns(
      "oid", OID, "typname", NAME, "typnamespace", OID, "typowner", OID, "typlen", INT2, "typbyval", BOOL,
      "typtype", CHAR, "typcategory", CHAR, "typispreferred", BOOL, "typisdefined", BOOL, "typdelim", CHAR,
      "typrelid", OID, "typelem", OID, "typarray", OID, "typnotnull", BOOL, "typbasetype", OID,
      "typtypmod", INT4, "typndims", INT4, "typcollation", OID));

  /** adbin holds the default expression as SQL text (PostgreSQL keeps a node tree there). */
  public static final SystemTable PG_ATTRDEF = new SystemTable(Oids.PG_ATTRDEF, "pg_attrdef", false, columns(
      "oid", OID, "adrelid", OID, "adnum", INT2, "adbin", TEXT));

  /** conbin holds the CHECK expression as SQL text (PostgreSQL keeps a node tree there). */
  public static final SystemTable PG_CONSTRAINT = new SystemTable(Oids.PG_CONSTRAINT, "pg_constraint", false, columns(
      "oid", OID, "conname", NAME, "connamespace", OID, "contype", CHAR, "condeferrable", BOOL,
      "condeferred", BOOL, "convalidated", BOOL, "conrelid", OID, "contypid", OID, "conindid", OID,
      "conparentid", OID, "confrelid", OID, "conislocal", BOOL, "coninhcount", INT4, "connoinherit", BOOL,
      "conbin", TEXT));

  /**
   * A view's {@code _RETURN} rule. ev_action holds the view's query as SQL text (PostgreSQL keeps a node
   * tree there), re-planned on every use; see {@link ViewDef}.
   */
  public static final SystemTable PG_REWRITE = new SystemTable(Oids.PG_REWRITE, "pg_rewrite", false, columns(
      "oid", OID, "rulename", NAME, "ev_class", OID, "ev_type", CHAR, "ev_enabled", CHAR, "is_instead", BOOL,
      "ev_qual", TEXT, "ev_action", TEXT));

  /** Dependencies between catalog objects, PostgreSQL's columns (no oid column, as there). */
  public static final SystemTable PG_DEPEND = new SystemTable(Oids.PG_DEPEND, "pg_depend", false, columns(
      "classid", OID, "objid", OID, "objsubid", INT4, "refclassid", OID, "refobjid", OID, "refobjsubid", INT4,
      "deptype", CHAR));

  /**
   * One row per index (PostgreSQL's columns). indkey and indoption are int2vector in PostgreSQL; MiniDB has no
   * vector types yet and stores their text form ({@code "1 2"}, {@code "0 3"}), which is what int2vector prints.
   */
  public static final SystemTable PG_INDEX = new SystemTable(Oids.PG_INDEX, "pg_index", false, columns(
      "indexrelid", OID, "indrelid", OID, "indnatts", INT2, "indnkeyatts", INT2, "indisunique", BOOL,
      "indisprimary", BOOL, "indisvalid", BOOL, "indisready", BOOL, "indislive", BOOL, "indkey", TEXT,
      "indoption", TEXT, "indexprs", TEXT, "indpred", TEXT));

  /**
   * ANALYZE's statistics, one row per column (PostgreSQL's columns and slot layout: stakindN says what slot N
   * holds, 1 most common values, 2 histogram, 3 correlation). stanumbersN (float4[]) and stavaluesN (anyarray)
   * hold the text of PostgreSQL's array output ({@code {0.25,0.125}}, {@code {a,"b c"}}): MiniDB has no array
   * types yet. See {@link StatisticRows}.
   */
  public static final SystemTable PG_STATISTIC = new SystemTable(Oids.PG_STATISTIC, "pg_statistic", false, columns(
      "starelid", OID, "staattnum", INT2, "stainherit", BOOL, "stanullfrac", DataType.FLOAT4, "stawidth", INT4,
      "stadistinct", DataType.FLOAT4,
      "stakind1", INT2, "stakind2", INT2, "stakind3", INT2, "stakind4", INT2, "stakind5", INT2,
      "staop1", OID, "staop2", OID, "staop3", OID, "staop4", OID, "staop5", OID,
      "stacoll1", OID, "stacoll2", OID, "stacoll3", OID, "stacoll4", OID, "stacoll5", OID,
      "stanumbers1", TEXT, "stanumbers2", TEXT, "stanumbers3", TEXT, "stanumbers4", TEXT, "stanumbers5", TEXT,
      "stavalues1", TEXT, "stavalues2", TEXT, "stavalues3", TEXT, "stavalues4", TEXT, "stavalues5", TEXT));

  /** In bootstrap order. */
  public static final List<SystemTable> ALL = List.of(PG_DATABASE, PG_AUTHID, PG_NAMESPACE, PG_CLASS,
      PG_ATTRIBUTE, PG_TYPE, PG_ATTRDEF, PG_CONSTRAINT, PG_REWRITE, PG_DEPEND, PG_INDEX, PG_STATISTIC);

  public static final Map<Long, SystemTable> BY_OID = SystemTable.byOid(ALL);

  /** True for the catalogs shared by all databases (stored in {@code global/}). */
  public static boolean isShared(long relOid) {
    SystemTable t = BY_OID.get(relOid);
    return t != null && t.shared();
  }
}
