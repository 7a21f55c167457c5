package org.minidb.sql.parse;

/**
 * One statement cut out of a query string.
 *
 * @param text the statement without its terminating semicolon
 * @param offset the 0-based position of {@code text} in the whole query string, so that error positions
 *     (which PostgreSQL counts from the start of the string the client sent) can be translated
 */
public record StatementText(String text, int offset) {}
