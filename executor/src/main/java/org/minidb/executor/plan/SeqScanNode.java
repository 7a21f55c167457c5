package org.minidb.executor.plan;

import java.util.List;
import org.minidb.common.types.DataType;
import org.minidb.executor.expr.Expr;
import org.minidb.storage.catalog.ColumnDef;
import org.minidb.storage.catalog.TableDef;

/**
 * Sequential scan of a heap with its pushed-down filter (EXPLAIN: {@code Seq Scan on t}, {@code Filter:}).
 * Output: the table's columns in attnum order, followed by the tuple id as an int8 when {@code withTid}
 * (the source of UPDATE and DELETE). The filter sees the same layout.
 *
 * @param filter a predicate, or null
 * @param filterColumns the columns the filter reads (the scan then decodes only those and what its consumer
 *     reads), or null when unknown (every column is decoded)
 */
public record SeqScanNode(TableDef table, Expr filter, boolean withTid, java.util.BitSet filterColumns)
    implements PlanNode {
  public SeqScanNode(TableDef table, Expr filter, boolean withTid) { this(table, filter, withTid, null); }

  @Override
  public List<DataType> outputTypes() {
    List<DataType> types = new java.util.ArrayList<>(table.columns().stream().map(ColumnDef::type).toList());
    if (withTid) types.add(DataType.INT8);
    return List.copyOf(types);
  }

  @Override
  public List<PlanNode> inputs() { return List.of(); }
}
