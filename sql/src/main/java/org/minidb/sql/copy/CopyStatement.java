package org.minidb.sql.copy;

import java.util.List;

/**
 * A parsed COPY: either a table ({@code table}: [schema.]name as written, {@code columns}: empty for all) or,
 * for COPY TO only, a query's text; the direction; the format options.
 */
public record CopyStatement(List<String> table, List<String> columns, String query, boolean from,
    CopyOptions options) {}
