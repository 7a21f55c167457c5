package org.minidb.planner;

import org.minidb.common.types.DataType;

/**
 * One column of a statement's result, as RowDescription describes it.
 *
 * @param tableOid the table the column comes straight from, or 0
 * @param attnum its column number there, or 0
 */
public record ResultColumn(String name, DataType type, long tableOid, int attnum) {}
