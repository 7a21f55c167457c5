package org.minidb.planner;

import java.util.List;
import org.minidb.storage.catalog.ColumnDef;

/**
 * A validated CREATE [OR REPLACE] VIEW: the query was planned against the catalog, its result columns named
 * (the given names first, then the query's own) and typed as PostgreSQL types them.
 *
 * @param schema the schema named in the statement, or null for the first schema of the search path
 * @param definition the query text as the client wrote it, planned again at each use of the view
 * @param references pg_class OIDs of the tables and views the query reads directly, for pg_depend
 */
public record CreateViewStatement(String schema, String name, boolean orReplace, List<ColumnDef> columns,
    String definition, List<Long> references) implements Statement {}
