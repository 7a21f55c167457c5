package org.minidb.planner;

import java.util.List;
import org.minidb.storage.catalog.IndexSpec;

/**
 * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table (columns); names case-folded. The session chooses the name
 * when none is given ({@link org.minidb.planner.ddl.IndexNames}), since that depends on the relations that exist.
 *
 * @param name null when not given
 */
public record CreateIndexStatement(QualifiedName table, String name, boolean ifNotExists, boolean unique,
    List<IndexSpec.Column> columns) implements Statement {}
