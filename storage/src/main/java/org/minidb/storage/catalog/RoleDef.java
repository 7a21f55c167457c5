package org.minidb.storage.catalog;

/** A role (pg_authid row). */
public record RoleDef(long oid, String name, boolean superuser, boolean canLogin) {}
