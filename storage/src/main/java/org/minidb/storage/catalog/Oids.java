package org.minidb.storage.catalog;

/** Fixed OIDs of the bootstrap catalog, PostgreSQL's values. */
public final class Oids {
  private Oids() {}

  public static final long PG_TYPE = 1247;
  public static final long PG_ATTRIBUTE = 1249;
  public static final long PG_CLASS = 1259;
  public static final long PG_AUTHID = 1260;
  public static final long PG_DATABASE = 1262;
  public static final long PG_ATTRDEF = 2604;
  public static final long PG_CONSTRAINT = 2606;
  public static final long PG_DEPEND = 2608;
  public static final long PG_REWRITE = 2618;
  public static final long PG_NAMESPACE = 2615;
  public static final long PG_INDEX = 2610;
  public static final long PG_STATISTIC = 2619;

  public static final long POSTGRES_DATABASE = 5;
  public static final long BOOTSTRAP_SUPERUSER = 10;
  public static final long PG_CATALOG_NAMESPACE = 11;
  public static final long PUBLIC_NAMESPACE = 2200;
  /** The namespace of TOAST relations. */
  public static final long PG_TOAST_NAMESPACE = 99;
  /** pg_am's heap access method. */
  public static final long HEAP_AM = 2;
  /** pg_am's btree access method. */
  public static final long BTREE_AM = 403;
  public static final long DEFAULT_COLLATION = 100;
  public static final long C_COLLATION = 950;
  /** The first OID handed out for user objects. */
  public static final long FIRST_NORMAL_OBJECT_ID = 16384;
}
