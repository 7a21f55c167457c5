package org.minidb.server.slt;

import java.util.List;

/**
 * One record of a sqllogictest file, as the reference runner reads it.
 *
 * <p>Every record keeps the 1-based number of its first line (its first {@code skipif}/{@code onlyif}
 * line if it has any, else its {@code statement}/{@code query}/... line), which is how failures are
 * named ({@code FILE:LINE}), and the conditions written before it.
 */
public sealed interface SltRecord {

    int line();

    List<Condition> conditions();

    /** {@code skipif ENGINE} ({@code skip == true}) or {@code onlyif ENGINE}. */
    record Condition(boolean skip, String engine) {
        /** Whether this condition lets the record run on {@code engine}. */
        boolean allows(String ourEngine) {
            return skip ? !engine.equalsIgnoreCase(ourEngine) : engine.equalsIgnoreCase(ourEngine);
        }
    }

    /** {@code statement ok} or {@code statement error}: the SQL must succeed, or must fail. */
    record Statement(int line, List<Condition> conditions, boolean expectError, String sql) implements SltRecord {}

    /**
     * {@code query <types> [sort] [label]} with the SQL and the expected lines after {@code ----}: one
     * rendered value per line, or one line {@code N values hashing to MD5}.
     */
    record Query(int line, List<Condition> conditions, String types, SortMode sort, String label, String sql,
                 List<String> expected) implements SltRecord {}

    /** {@code hash-threshold N}: results with more than N values are compared by their hash (0: never). */
    record HashThreshold(int line, List<Condition> conditions, int threshold) implements SltRecord {}

    /** {@code halt}: stop reading the file here. */
    record Halt(int line, List<Condition> conditions) implements SltRecord {}

    /** Whether the record runs on {@code engine}: every skipif/onlyif before it must allow it. */
    default boolean runsOn(String engine) {
        for (Condition c : conditions()) {
            if (!c.allows(engine)) {
                return false;
            }
        }
        return true;
    }
}
