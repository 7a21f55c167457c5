package org.minidb.sql;

import java.util.List;
import org.minidb.planner.ResultColumn;

/**
 * What Describe of a portal reports: RowDescription with the result formats Bind asked for, or NoData.
 *
 * @param resultFormats one format code (0 text, 1 binary) per column, already expanded from Bind's list
 */
public record PortalDescription(List<ResultColumn> columns, short[] resultFormats, boolean returnsRows) {}
