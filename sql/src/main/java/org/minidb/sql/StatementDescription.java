package org.minidb.sql;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.planner.ResultColumn;

/**
 * What Describe of a prepared statement reports: ParameterDescription, then RowDescription (columns) or
 * NoData (columns empty and {@code returnsRows} false).
 */
public record StatementDescription(List<DataType> parameterTypes, List<ResultColumn> columns,
    boolean returnsRows) {}
