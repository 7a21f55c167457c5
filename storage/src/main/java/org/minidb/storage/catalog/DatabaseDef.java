package org.minidb.storage.catalog;

/** A database (pg_database row). */
public record DatabaseDef(long oid, String name, long ownerOid) {}
