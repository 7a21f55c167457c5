package org.minidb.server.slt;

/** How a query's rendered values are ordered before comparison. */
public enum SortMode {
    /** Keep the order the server returned. */
    NOSORT,
    /** Sort whole rows, comparing their rendered values column by column. */
    ROWSORT,
    /** Sort all rendered values on their own, ignoring rows. */
    VALUESORT;

    static SortMode parse(String word) {
        return switch (word) {
            case "nosort" -> NOSORT;
            case "rowsort" -> ROWSORT;
            case "valuesort" -> VALUESORT;
            default -> throw new IllegalArgumentException("unknown sort mode: " + word);
        };
    }
}
