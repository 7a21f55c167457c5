package org.minidb.planner;

import java.util.List;
import org.minidb.storage.catalog.IndexSpec;

/**
 * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table (columns or expressions) [INCLUDE (columns)] [WHERE
 * predicate]; names case-folded. The session chooses the name when none is given
 * ({@link org.minidb.planner.ddl.IndexNames}), since that depends on the relations that exist; it also has the
 * planner check the expressions and the predicate against the table, which gives the expressions' types.
 *
 * @param name null when not given
 * @param include the INCLUDE columns
 * @param predicate the WHERE's text as written, or null
 */
public record CreateIndexStatement(QualifiedName table, String name, boolean ifNotExists, boolean unique,
    List<IndexSpec.Column> columns, List<String> include, String predicate) implements Statement {}
