package org.minidb.executor.plan;

import org.minidb.common.types.DataType;

/** One ORDER BY key: a column of the input row, its direction and where its NULLs go. */
public record SortKey(int column, DataType type, boolean descending, boolean nullsFirst) {}
