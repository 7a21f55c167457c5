package org.minidb.planner;

import java.util.List;
import org.minidb.storage.catalog.CheckConstraint;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.IndexSpec;

/**
 * A validated CREATE TABLE: column types resolved (serial is not in this issue), default and CHECK
 * expressions checked against the columns and kept as SQL text, constraint names chosen as PostgreSQL
 * chooses them ({@code t_a_check}, {@code t_check}, {@code t_check1}, ...), and the indexes of PRIMARY KEY and
 * UNIQUE constraints, named as well ({@code t_pkey}, {@code t_a_key}).
 *
 * @param schema the schema named in the statement, or null for the first schema of the search path
 */
public record CreateTableStatement(String schema, String name, boolean ifNotExists, List<ColumnDef> columns,
    List<CheckConstraint> checks, List<IndexSpec> indexes) implements Statement {}
